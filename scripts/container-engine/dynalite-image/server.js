// A DynamoDB-API server for tests: dynalite, in memory, on 0.0.0.0:$PORT (8000 by default).
// The same file runs in the offline image (build.sh) and in the Containerfile image.
'use strict';
const dynalite = require('dynalite');

const port = Number(process.env.PORT || 8000);
// Tables become ACTIVE at once: tests create a table per suite and must not wait 500 ms each.
const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });

server.listen(port, '0.0.0.0', () => {
  // testcontainers waits for this exact line before it hands the container to a test.
  console.log(`dynalite listening on ${port}`);
});

// As PID 1 nothing stops us by default: exit promptly on stop instead of after the engine's
// kill timeout.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
