import { isOneOf, ROLES } from '@jc/domain';
import { signDevToken } from '../auth/jwt';
import { readAuthConfig } from '../config';

const USAGE = 'usage: npm run token -- --role CUSTOMER|ANALYST|ADMIN|SERVICE [--customer <id>] [--ttl 1h] [--subject <name>]';

function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text);
  if (!match) throw new Error(`--ttl must look like 90s, 30m, 1h or 7d, got "${text}"`);
  const unit = { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as '' | 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

async function main(argv: string[]): Promise<void> {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!flag?.startsWith('--') || value === undefined) throw new Error(USAGE);
    args.set(flag.slice(2), value);
  }
  const role = args.get('role');
  if (!isOneOf(ROLES, role)) throw new Error(USAGE);
  const token = await signDevToken(readAuthConfig(), {
    role,
    customerId: args.get('customer'),
    subject: args.get('subject'),
    ttlSeconds: parseTtl(args.get('ttl') ?? '1h'),
  });
  console.log(`# ${role} token for the embedded gateway; send it as "Authorization: Bearer <token>"`);
  console.log(token);
}

main(process.argv.slice(2)).catch((err: Error) => {
  console.error(err.message);
  process.exit(1);
});
