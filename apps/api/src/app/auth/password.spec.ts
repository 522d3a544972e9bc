import bcrypt from 'bcryptjs';
import { bcryptCost, dummyPasswordHash, passwordMatches } from './password';

describe('password', () => {
  it.each(['$2a$', '$2b$', '$2y$'])('matches a %s hash and refuses a wrong password', async (prefix) => {
    const hash = prefix + bcrypt.hashSync('s3cret', 4).slice(4);
    expect(await passwordMatches('s3cret', hash)).toBe(true);
    expect(await passwordMatches('S3cret', hash)).toBe(false);
  });

  it('treats a malformed stored hash as no match instead of throwing', async () => {
    expect(await passwordMatches('x', 'plaintext-password')).toBe(false);
    expect(await passwordMatches('x', '')).toBe(false);
  });

  it('reads the cost of a hash', () => {
    expect(bcryptCost('$2y$12$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234')).toBe(12);
    expect(bcryptCost('$2a$04$x')).toBe(4);
    expect(bcryptCost('md5$whatever')).toBeNull();
  });

  it('makes a dummy hash of the asked cost, that no password matches', async () => {
    const hash = await dummyPasswordHash(5);
    expect(bcryptCost(hash)).toBe(5);
    expect(await dummyPasswordHash(5)).toBe(hash);
    expect(await passwordMatches('', hash)).toBe(false);
  });
});
