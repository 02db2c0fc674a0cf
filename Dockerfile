# One image for the API and the workers; the command picks the role.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts=false && npm cache clean --force
COPY bin ./bin
COPY config ./config
COPY src ./src
COPY workers ./workers
COPY fixtures ./fixtures
COPY tsconfig.json ./
USER node
EXPOSE 3000
CMD ["npm", "run", "start:api"]
