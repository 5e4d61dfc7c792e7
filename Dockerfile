# syntax=docker/dockerfile:1
# Multi-stage build: compile with every dependency, run with production ones only, as a non-root
# user. The container runs the same npm scripts as the README: db:migrate:prod, then serve.
# Node 22 LTS (Node 20 is past its end of life); the code and package.json also run on Node 20.

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
# The stand-in for a package only `prisma dev` loads (vendor/README.md); package-lock.json links it.
COPY vendor ./vendor
# Every dependency, without install scripts: the image's npm (10) ignores package.json's
# allowScripts, and Prisma's postinstall would download engines the gateway does not use. The build
# script generates the Prisma client itself.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json schema.graphql ./
COPY ovh-api ./ovh-api
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000
WORKDIR /app
COPY package.json package-lock.json ./
COPY vendor ./vendor
# Production dependencies only; the generated client comes compiled from the build stage.
# --omit=optional too: @prisma/client names the prisma CLI and TypeScript as optional peers, so npm
# marks them (and their dependencies) "devOptional" and --omit=dev alone still installs them:
# 391 MB instead of 145 MB. No production dependency needs an optional one (pg's pg-cloudflare is
# for Cloudflare Workers).
RUN npm ci --omit=dev --omit=optional --ignore-scripts && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY prisma ./prisma
COPY schema.graphql ./
COPY ovh-api ./ovh-api
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/live').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# The image has no embedded PostgreSQL (zero-configuration mode is for a checkout): without
# DATABASE_URL it stops with that said instead of failing inside initdb. `exec` makes npm the
# container's main process, and `serve` execs node in turn, so `docker stop`'s SIGTERM reaches the
# gateway, which drains for OVH_TIMEOUT_MS + 5 s and is stopped 10 s after that at the latest
# (docker stop -t 50; compose sets stop_grace_period).
CMD ["sh", "-c", "[ -n \"$DATABASE_URL\" ] || { echo 'DATABASE_URL is required: this image runs the gateway in production mode (see docs/operations.md, Production and Docker)' >&2; exit 1; }; npm run db:migrate:prod && exec npm run serve"]
