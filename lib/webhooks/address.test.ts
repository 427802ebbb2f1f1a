// Destinations: private, loopback, link-local, unique-local, CGNAT, multicast and unspecified addresses (and their
// IPv4-mapped IPv6 forms) are refused; https is required, http only to loopback when private ones are allowed.
import { describe, expect, it } from 'vitest';
import { isPrivateAddress, parseDestination } from './address.ts';

describe('isPrivateAddress', () => {
  it.each([
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '127.0.0.1',
    '169.254.169.254',
    '100.64.0.1',
    '224.0.0.1',
    '0.0.0.0',
    '::',
    '::1',
    'fe80::1',
    'fd00::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    'not-an-address',
  ])('refuses %s', (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'])('allows %s', (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe('parseDestination', () => {
  it('requires https, with http only to loopback when private destinations are allowed', () => {
    expect(parseDestination('https://hooks.example.com/x', false)).toBeInstanceOf(URL);
    expect(parseDestination('http://hooks.example.com/x', false)).toBe('The webhook URL must be https.');
    expect(parseDestination('http://127.0.0.1:9/x', false)).toBe('The webhook URL must be https.');
    expect(parseDestination('http://127.0.0.1:9/x', true)).toBeInstanceOf(URL);
    expect(parseDestination('http://localhost:9/x', true)).toBeInstanceOf(URL);
    expect(parseDestination('http://10.0.0.1/x', true)).toBe('The webhook URL must be https.');
    expect(parseDestination('https://u:p@hooks.example.com/', false)).toMatch(/user name or password/);
    expect(parseDestination('nope', false)).toBe('The webhook URL is not a URL.');
  });
});
