// Preloaded into every test process: a connection to anything but loopback throws, so a client that tries to
// reach Webex's cloud (service catalogs, metrics, discovery) fails the test instead of leaving the machine.
const net = require('net');
const connect = net.Socket.prototype.connect;
const loopback = (host) => !host || host === 'localhost' || host === '::1' || /^127\./.test(host);
net.Socket.prototype.connect = function (...args) {
  // connect(options), connect(port, host), or Node's own normalized form connect([options, callback]).
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options = typeof first === 'object' && first !== null ? first : { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
  if (!options.path && !loopback(options.host)) {
    throw new Error(`loopback-only: refused a connection to ${options.host}:${options.port}`);
  }
  return connect.apply(this, args);
};
