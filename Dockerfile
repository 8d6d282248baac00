# syntax=docker/dockerfile:1
# peacewatch: build the TypeScript, then a slim runtime with production dependencies only.

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles from source when no prebuilt binary can be fetched.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# Build tools only for the native addon, removed in the same layer. DejaVu Sans stays:
# the digest chart's text is drawn by resvg with a system font.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ fonts-dejavu-core \
 && npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force \
 && apt-get purge -y python3 make g++ \
 && apt-get autoremove -y \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /app/dist ./dist
COPY config ./config
# The SQLite store lives in /app/data (store.url sqlite://data/peacewatch.sqlite): mount a volume there.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
VOLUME ["/app/data"]
# Slack HTTP mode (PORT, default 3000); unused otherwise. The ops listener (OPS_PORT, 9464)
# binds 127.0.0.1 unless OPS_HOST says otherwise: set OPS_HOST=0.0.0.0 to let Prometheus scrape it.
EXPOSE 3000 9464
# The image has no curl: node itself asks /healthz (the process answers while it lives).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.OPS_PORT||9464)+'/healthz',{signal:AbortSignal.timeout(4000)}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "dist/cli.js"]
CMD ["start"]
