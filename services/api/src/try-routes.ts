import { createAnalyzer, keywordListSchema } from '@callpulse/analysis';
import { fieldErrors } from '@callpulse/contracts';
import { listKeywordLists, loadKeywordLists, type Pool } from '@callpulse/db';
import { compileRules, testCall, validateRule } from '@callpulse/rules';
import { readJsonBody } from '@callpulse/runtime';
import type Router from '@koa/router';
import { z } from 'zod';

const trySchema = z.object({
  list: z.unknown(),
  text: z
    .string({ error: 'text must be a string' })
    .max(10_000, 'text is at most 10,000 characters'),
  speaker: z.enum(['customer', 'ai']).default('customer'),
});

const ruleTrySchema = z.object({
  rule: z.unknown(),
  call: z
    .array(z.unknown(), { error: 'call must be an array of webhook bodies' })
    .min(1, 'call needs at least one webhook body')
    .max(5_000, 'call may have at most 5,000 webhook bodies'),
});

/**
 * POST /keyword-lists/:name/try with `{"list": <draft list>, "text": "…", "speaker":
 * "customer"}`: the draft validated as a save would validate it and the text run through
 * the analysis package, as the analyzer runs it (built-in lexicon), before anything is saved.
 */
export const mountTryRoutes = (router: Router, pool: Pool): void => {
  router.post('/keyword-lists/:name/try', async (ctx) => {
    const body = await readJsonBody(ctx.req, 256 * 1024);
    if (!body.ok) {
      ctx.status = body.status;
      ctx.body = { error: body.error };
      return;
    }
    const input = trySchema.safeParse(body.json);
    if (!input.success) {
      ctx.status = 400;
      ctx.body = { error: 'invalid try request', fields: fieldErrors(input.error.issues) };
      return;
    }
    const draft = (input.data.list ?? {}) as Record<string, unknown>;
    const list = keywordListSchema.safeParse({ ...draft, name: ctx.params.name });
    if (!list.success) {
      ctx.status = 400;
      ctx.body = {
        error: 'invalid keyword list',
        fields: fieldErrors(list.error.issues).map((f) => ({ ...f, field: `list.${f.field}` })),
      };
      return;
    }
    const analysis = createAnalyzer({ lists: [list.data] }).analyzeUtterance(
      input.data.text,
      input.data.speaker,
    );
    ctx.body = { list: list.data, ...analysis };
  });

  /**
   * POST /rules/:name/try with `{"rule": <draft rule>, "call": [<webhook bodies>]}`: the
   * draft validated as a save would, then the call evaluated by the rules package as
   * `callpulse rules test --explain` does, against the keyword lists stored now.
   */
  router.post('/rules/:name/try', async (ctx) => {
    const body = await readJsonBody(ctx.req, 2 * 1024 * 1024);
    if (!body.ok) {
      ctx.status = body.status;
      ctx.body = { error: body.error };
      return;
    }
    const input = ruleTrySchema.safeParse(body.json);
    if (!input.success) {
      ctx.status = 400;
      ctx.body = { error: 'invalid try request', fields: fieldErrors(input.error.issues) };
      return;
    }
    const draft = (input.data.rule ?? {}) as Record<string, unknown>;
    const names = (await listKeywordLists(pool)).map((l) => l.name);
    const rule = validateRule({ ...draft, name: ctx.params.name }, { lists: names });
    if (!rule.ok) {
      ctx.status = 400;
      ctx.body = {
        error: 'invalid rule',
        fields: rule.errors.map((e) => ({ field: `rule.${e.path}`, message: e.message })),
      };
      return;
    }
    const lists = (await loadKeywordLists(pool)).lists.flatMap((l) => {
      const parsed = keywordListSchema.safeParse(l);
      return parsed.success ? [parsed.data] : [];
    });
    const { ruleSet } = compileRules([{ ...rule.value, enabled: true }], { lists });
    ctx.body = testCall(input.data.call, ruleSet, { explain: true });
  });
};
