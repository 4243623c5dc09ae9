# The bot in a container: built in one stage, run from built output with production dependencies
# only, as a non-root user. test/production.test.ts runs the runtime stage's steps (COPY, RUN,
# ENV, CMD and the HEALTHCHECK command) in a temporary folder: keep them plain commands.
#
#   docker build -t edu-onboarding-bot .
#   docker run --init -p 3978:3978 -v edu-data:/home/node/data --env-file <your settings> edu-onboarding-bot

FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npm run build

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
# Every interface of the container (Docker publishes the port); without MicrosoftAppId the bot
# still answers only activities whose serviceUrl is on this machine.
ENV HOST=0.0.0.0
ENV PORT=3978
# The node user's home: writable by it, and the place to mount a volume (-v edu-data:/home/node/data).
ENV DATA_DIR=/home/node/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/tab ./dist/tab
COPY src/tab/static ./src/tab/static
COPY cards ./cards
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 3978) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["npm", "start"]
