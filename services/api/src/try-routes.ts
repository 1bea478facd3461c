import { createAnalyzer, keywordListSchema } from '@callpulse/analysis';
import { fieldErrors } from '@callpulse/contracts';
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

/**
 * POST /keyword-lists/:name/try with `{"list": <draft list>, "text": "…", "speaker":
 * "customer"}`: the draft validated as a save would validate it and the text run through
 * the analysis package, as the analyzer runs it (built-in lexicon), before anything is saved.
 */
export const mountTryRoutes = (router: Router): void => {
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
};
