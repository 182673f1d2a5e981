// Preloaded with `node --import` into a gateway whose start script listens on every interface: every TCP listen
// without an explicit host binds 127.0.0.1 instead, so nothing is exposed beyond this machine.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  const [first] = args;
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    const rest = args.slice(1);
    const callbackAndBacklog = typeof rest[0] === 'string' ? rest.slice(1) : rest;
    return listen.call(this, Number(first), '127.0.0.1', ...callbackAndBacklog);
  }
  if (typeof first === 'object' && first !== null && !('path' in first) && !('fd' in first) && !('handle' in first)) {
    args[0] = { ...first, host: '127.0.0.1' };
  }
  return listen.apply(this, args);
};
