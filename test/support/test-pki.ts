/**
 * A district PKI for tests, made with the machine's openssl: a CA, server certificates for 127.0.0.1 (good,
 * with the wrong name, expired), a second CA with its own 127.0.0.1 certificate (a man in the middle), and
 * client certificates for stations (mutual TLS). Everything in a temporary folder; nothing leaves it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type KeyPair = { cert: string; key: string };
export type TestPki = {
  dir: string;
  /** The district CA (PEM), and its file. */
  ca: string;
  caFile: string;
  server: KeyPair;
  wrongName: KeyPair;
  expired: KeyPair;
  /** Signed by another CA: what a man-in-the-middle proxy would present. */
  impostor: KeyPair;
  /** A client certificate signed by the district CA. */
  client(name: string): KeyPair;
  /** A server certificate from the district CA for these addresses (e.g. a test host's IP). */
  serverFor(ips: string[]): KeyPair;
  remove(): void;
};

const CA_CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
dir = .
database = index.txt
new_certs_dir = .
serial = serial
default_md = sha256
policy = any
copy_extensions = copy
unique_subject = no
[ any ]
commonName = supplied
`;

export function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function makeTestPki(): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'liandong-pki-'));
  const run = (cwd: string, args: string[]) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const read = (f: string) => readFileSync(path.join(dir, f), 'utf8');
  const newCa = (name: string, cn: string) => {
    writeFileSync(path.join(dir, `${name}.cnf`), CA_CONFIG.replace('dir = .', `dir = ${dir}`).replace('database = index.txt', `database = ${name}.index`).replace('serial = serial', `serial = ${name}.serial`));
    writeFileSync(path.join(dir, `${name}.index`), '');
    writeFileSync(path.join(dir, `${name}.serial`), '01\n');
    run(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.pem`, '-days', '30', '-subj', `/CN=${cn}`]);
  };
  let n = 0;
  const issue = (ca: string, cn: string, ext: string, dates: [string, string] = ['20250101000000Z', '20991231000000Z']): KeyPair => {
    const f = `leaf${n++}`;
    run(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${f}.key`, '-out', `${f}.csr`, '-subj', `/CN=${cn}`, '-addext', ext]);
    run(dir, ['ca', '-batch', '-config', `${ca}.cnf`, '-cert', `${ca}.pem`, '-keyfile', `${ca}.key`, '-in', `${f}.csr`, '-out', `${f}.pem`, '-startdate', dates[0], '-enddate', dates[1], '-notext']);
    return { cert: read(`${f}.pem`), key: read(`${f}.key`) };
  };
  newCa('district', 'Test District CA (崇川区)');
  newCa('other', 'Someone Else CA');
  const here = 'subjectAltName=IP:127.0.0.1,DNS:localhost';
  return {
    dir,
    ca: read('district.pem'),
    caFile: path.join(dir, 'district.pem'),
    server: issue('district', '127.0.0.1', here),
    wrongName: issue('district', 'hub.elsewhere.example', 'subjectAltName=DNS:hub.elsewhere.example'),
    expired: issue('district', '127.0.0.1', here, ['20200101000000Z', '20200102000000Z']),
    impostor: issue('other', '127.0.0.1', here),
    client: (name) => issue('district', name, 'extendedKeyUsage=clientAuth'),
    serverFor: (ips) => issue('district', ips[0]!, `subjectAltName=${ips.map((ip) => `IP:${ip}`).join(',')}`),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
