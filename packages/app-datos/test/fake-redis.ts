// A Redis stand-in that speaks just enough RESP for the guest book: RPUSH and LRANGE on lists,
// or, as a read-only replica, the READONLY error real replicas give to writes.
import net from 'node:net';

export interface FakeRedisOptions {
  host?: string;
  port?: number;
  readOnly?: boolean;
}

export class FakeRedis {
  readonly lists = new Map<string, string[]>();
  readonly commands: string[][] = [];

  private constructor(
    private readonly server: net.Server,
    readonly port: number,
  ) {}

  static async start(options: FakeRedisOptions = {}): Promise<FakeRedis> {
    const server = net.createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
    });
    const redis = new FakeRedis(server, (server.address() as net.AddressInfo).port);
    server.on('connection', (socket) => {
      let buffered: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        buffered = Buffer.concat([buffered, chunk]);
        for (let parsed = parseCommand(buffered); parsed; parsed = parseCommand(buffered)) {
          buffered = parsed.rest;
          redis.commands.push(parsed.args);
          socket.write(redis.execute(parsed.args, options.readOnly ?? false));
        }
      });
      socket.on('error', () => undefined);
    });
    return redis;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private execute([name, key, ...args]: string[], readOnly: boolean): string {
    const list = this.lists.get(key) ?? [];
    switch (name.toUpperCase()) {
      case 'RPUSH':
        if (readOnly) return "-READONLY You can't write against a read only replica.\r\n";
        this.lists.set(key, [...list, ...args]);
        return `:${list.length + args.length}\r\n`;
      case 'LRANGE':
        // Only the whole-list form the program uses: LRANGE key 0 -1.
        return `*${list.length}\r\n${list.map((item) => `$${Buffer.byteLength(item)}\r\n${item}\r\n`).join('')}`;
      default:
        return `-ERR unknown command '${name}'\r\n`;
    }
  }
}

/** One complete "*N\r\n$len\r\narg\r\n..." command from the front of buffer, or null. */
function parseCommand(buffer: Buffer): { args: string[]; rest: Buffer } | null {
  let offset = 0;
  const line = (): string | null => {
    const end = buffer.indexOf('\r\n', offset);
    if (end < 0) return null;
    const text = buffer.subarray(offset, end).toString();
    offset = end + 2;
    return text;
  };
  const header = line();
  if (header === null) return null;
  if (!header.startsWith('*')) throw new Error(`unexpected RESP: ${header}`);
  const args: string[] = [];
  for (let count = Number(header.slice(1)); count > 0; count--) {
    const size = line();
    if (size === null) return null;
    const length = Number(size.slice(1));
    if (buffer.length < offset + length + 2) return null;
    args.push(buffer.subarray(offset, offset + length).toString());
    offset += length + 2;
  }
  return { args, rest: buffer.subarray(offset) };
}
