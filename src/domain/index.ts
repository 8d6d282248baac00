export * from './article.js';
export * from './feed.js';
export * from './topic.js';
export * from './match.js';
export * from './channel.js';
export * from './alert.js';
export * from './source-label.js';
export * from './event-kind.js';
