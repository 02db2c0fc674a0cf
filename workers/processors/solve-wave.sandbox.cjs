'use strict';
// Entry of the solve-wave sandboxed processor. BullMQ forks a plain Node process and imports this file; the
// solver is TypeScript, so register tsx first (as bin/coldlink does). The child gets only the job's data and
// its own environment, never the parent's memory.
require('tsx/cjs');
module.exports = require('./solve-wave.sandboxed.ts').default;
