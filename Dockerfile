# One image for every callpulse service; docker-compose.yml picks the command.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.json ./
COPY packages ./packages
COPY services ./services
RUN npm ci --no-audit --no-fund --ignore-scripts \
  && npx tsc -b packages/cli services/ingest services/analyzer services/writer services/notifier services/api \
  && npm run -s build:app -w @callpulse/web

FROM node:20-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY --from=build /app/packages ./packages
COPY --from=build /app/services ./services
# Production dependencies only; the workspaces' built dist/ folders came from the build stage.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts && npm cache clean --force
COPY migrations ./migrations
COPY config ./config
USER node
EXPOSE 8080 8081
CMD ["node", "packages/cli/bin/callpulse.js", "--help"]
