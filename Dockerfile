# syntax=docker/dockerfile:1
# The registry as one image: compiled in a build stage, run from production dependencies only.
# Configuration comes from the environment at run time (see docker-compose.yml); nothing secret is
# baked in. Without DATABASE_URL it runs the embedded database under /app/data.

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY scripts ./scripts
# Templates and static files are read from src/ at run time: keep them, drop the TypeScript.
RUN npm run build \
  && npm prune --omit=dev --no-audit --no-fund \
  && find src -type f -name '*.ts' -delete

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/app/data
WORKDIR /app
# The code stays owned by root, read-only to the app; only the data directory is the app's to write.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/src ./src
# Created here, owned by node, so a fresh named volume mounted on it starts with the same owner.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/bundle/app/main.js"]
