const http = require('node:http');
const port = Number(process.env.PORT ?? 8080);
http.createServer((_, res) => res.end('hello from shipshape\n')).listen(port);
