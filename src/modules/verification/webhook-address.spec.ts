import { isRefusedAddress, resolvePublicAddress } from './webhook-address.js';

describe(isRefusedAddress.name, () => {
  it.each([
    '169.254.169.254',
    'fd00:ec2::254',
    '10.1.2.3',
    '172.20.0.1',
    '192.168.1.1',
    '100.64.0.1',
    '127.0.0.1',
    '0.0.0.0',
    '::',
    '::1',
    '::ffff:127.0.0.1',
    '::ffff:8.8.8.8',
    'fe80::1',
    '224.0.0.1',
    'ff02::1',
    '255.255.255.255',
    'not-an-ip',
  ])('should refuse %s', (address) => {
    expect(isRefusedAddress(address, false)).toBe(true);
  });

  it('should allow public unicast, and loopback only when allowed', () => {
    expect(isRefusedAddress('8.8.8.8', false)).toBe(false);
    expect(isRefusedAddress('2606:4700::1111', false)).toBe(false);
    expect(isRefusedAddress('127.0.0.1', true)).toBe(false);
    expect(isRefusedAddress('169.254.169.254', true)).toBe(true);
  });
});

describe(resolvePublicAddress.name, () => {
  it('should refuse a name that resolves to loopback, and pass a public literal through', async () => {
    await expect(resolvePublicAddress('localhost', false)).rejects.toThrow(/refused/);
    await expect(resolvePublicAddress('[::ffff:a9fe:a9fe]', false)).rejects.toThrow(/refused/);
    await expect(resolvePublicAddress('8.8.8.8', false)).resolves.toEqual({
      address: '8.8.8.8',
      family: 4,
    });
  });
});
