// A DynamoDB-API server (dynalite, in memory) in its own process, so that the process being
// measured does not also pay for the store's work. Started by the harness, loopback only;
// it reports its port over IPC and exits with its parent.
const dynalite = require('dynalite');

const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
server.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port });
});
process.on('disconnect', () => process.exit(0));
