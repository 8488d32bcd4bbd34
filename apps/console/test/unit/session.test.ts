import { sessionFromToken } from '../../src/auth/session';

const b64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
const tokenWith = (claims: object) => `${b64url({ alg: 'HS256' })}.${b64url(claims)}.signature`;
const NOW = 1_800_000_000;

describe('sessionFromToken', () => {
  it('reads role, subject, expiry and the customer id of a CUSTOMER token', () => {
    const token = tokenWith({ sub: 'customer:c_1', role: 'CUSTOMER', customer_id: 'c_00000000000000aa', exp: NOW + 60 });
    expect(sessionFromToken(` ${token} `, NOW)).toEqual({
      token,
      role: 'CUSTOMER',
      subject: 'customer:c_1',
      customerId: 'c_00000000000000aa',
      expiresAt: NOW + 60,
    });
  });

  it.each([
    ['an expired token', tokenWith({ sub: 'a', role: 'ADMIN', exp: NOW })],
    ['an unknown role', tokenWith({ sub: 'a', role: 'ROOT', exp: NOW + 60 })],
    ['a CUSTOMER without customer_id', tokenWith({ sub: 'a', role: 'CUSTOMER', exp: NOW + 60 })],
    ['no expiry', tokenWith({ sub: 'a', role: 'ADMIN' })],
    ['a payload that is not JSON', 'a.bm90IGpzb24.c'],
    ['not a JWT', 'hello'],
  ])('refuses %s', (_, token) => {
    expect(sessionFromToken(token, NOW)).toBeNull();
  });
});
