import { gunzipSync } from 'node:zlib';
import { createList, decodeList } from '@digitalbazaar/vc-bitstring-status-list';
import {
  buildStatusListCredential,
  decodeStatusList,
  encodeStatusList,
  MIN_STATUS_LIST_LENGTH,
  StatusList,
} from './status-list.js';

describe(StatusList.name, () => {
  it('should hold at least 131,072 entries and refuse fewer', () => {
    expect(new StatusList().length).toBe(MIN_STATUS_LIST_LENGTH);
    expect(() => new StatusList(1000)).toThrow(RangeError);
  });

  it('should set and clear bits independently', () => {
    const list = new StatusList();
    const indexes = [0, 1, 7, 8, 9, 4095, 94567, MIN_STATUS_LIST_LENGTH - 1];
    indexes.forEach((i) => list.set(i, true));
    for (let i = 0; i < list.length; i++) {
      if (list.get(i) !== indexes.includes(i)) throw new Error(`bit ${i} is wrong`);
    }
    list.set(8, false);
    expect([list.get(7), list.get(8), list.get(9)]).toEqual([true, false, true]);
  });

  it('should put index 0 in the most significant bit of the first byte', () => {
    const list = new StatusList();
    list.set(0, true);
    list.set(15, true);
    expect([list.bits[0], list.bits[1]]).toEqual([0x80, 0x01]);
  });

  it('should refuse indexes outside the list', () => {
    const list = new StatusList();
    expect(() => list.get(MIN_STATUS_LIST_LENGTH)).toThrow(RangeError);
    expect(() => list.set(-1, true)).toThrow(RangeError);
  });
});

describe(encodeStatusList.name, () => {
  it('should round-trip through encode and decode', () => {
    const list = new StatusList(MIN_STATUS_LIST_LENGTH * 2);
    [3, 70_000, 200_000].forEach((i) => list.set(i, true));
    const encoded = encodeStatusList(list);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    const decoded = decodeStatusList(encoded);
    expect(decoded.length).toBe(MIN_STATUS_LIST_LENGTH * 2);
    expect(Buffer.from(decoded.bits)).toEqual(Buffer.from(list.bits));
  });

  it('should gzip 16 KiB of bits into a small encodedList', () => {
    const encoded = encodeStatusList(new StatusList());
    expect(gunzipSync(Buffer.from(encoded.slice(1), 'base64url'))).toHaveLength(16_384);
    expect(encoded.length).toBeLessThan(200);
  });

  it('should agree with @digitalbazaar/vc-bitstring-status-list both ways', async () => {
    const ours = new StatusList();
    [5, 131_071].forEach((i) => ours.set(i, true));
    const theirs = await decodeList({ encodedList: encodeStatusList(ours) });
    expect([theirs.getStatus(4), theirs.getStatus(5), theirs.getStatus(131_071)]).toEqual([
      false,
      true,
      true,
    ]);

    const reference = await createList({ length: MIN_STATUS_LIST_LENGTH });
    reference.setStatus(42, true);
    const decoded = decodeStatusList(await reference.encode());
    expect([decoded.get(41), decoded.get(42), decoded.get(43)]).toEqual([false, true, false]);
  });

  it('should reject lists without the multibase prefix, non-gzip data or too short lists', () => {
    expect(() => decodeStatusList('H4sI')).toThrow();
    expect(() => decodeStatusList('uAAAA')).toThrow();
    expect(() => decodeStatusList('u' + Buffer.from('x').toString('base64url'))).toThrow();
  });
});

describe(buildStatusListCredential.name, () => {
  it('should build an unsigned BitstringStatusListCredential for the purpose', () => {
    const url = 'https://registry.example.org/api/v1/status-lists/7';
    const doc = buildStatusListCredential({
      url,
      issuer: 'did:web:registry.example.org',
      purpose: 'suspension',
      list: new StatusList(),
      validFrom: new Date('2025-01-01T00:00:00.000Z'),
    });
    expect(doc).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: url,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: {
        id: `${url}#list`,
        type: 'BitstringStatusList',
        statusPurpose: 'suspension',
      },
    });
    expect(doc).not.toHaveProperty('proof');
  });
});
