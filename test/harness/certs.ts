/**
 * Throwaway X.509 material for the test cluster, made with the openssl CLI
 * (Debian's openssl, installed by tools/install.sh): a CA, certificates it
 * signs, and an RSA key pair for service-account tokens.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** PEM file paths of one key pair; `cert` is signed by the CA that made it. */
export interface CertFiles {
  readonly cert: string;
  readonly key: string;
}

/** A certificate authority on disk that can sign more certificates. */
export interface CertAuthority extends CertFiles {
  /** Signs a new certificate; files are `<dir>/<name>.crt` and `<dir>/<name>.key`. */
  issue(name: string, opts: IssueOptions): CertFiles;
}

/** What goes into an issued certificate. */
export interface IssueOptions {
  /** Subject common name. */
  readonly commonName: string;
  /**
   * Subject organisation; Kubernetes reads it as the user's group.
   * @default none
   */
  readonly organisation?: string;
  /**
   * DNS names and IP addresses for a serving certificate (subjectAltName).
   * @default none (a client certificate)
   */
  readonly hosts?: readonly string[];
}

function openssl(args: string[], cwd: string): void {
  execFileSync('openssl', args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
}

const IP = /^\d+\.\d+\.\d+\.\d+$/;

function signer(dir: string, caCert: string, caKey: string): CertAuthority['issue'] {
  return (name, opts) => {
    const subject = `${opts.organisation ? `/O=${opts.organisation}` : ''}/CN=${opts.commonName}`;
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
    const ext = path.join(dir, `${name}.ext`);
    const usage = opts.hosts ? 'serverAuth,clientAuth' : 'clientAuth';
    const lines = [`extendedKeyUsage=${usage}`, 'keyUsage=critical,digitalSignature,keyEncipherment'];
    if (opts.hosts) lines.push(`subjectAltName=${opts.hosts.map((h) => (IP.test(h) ? `IP:${h}` : `DNS:${h}`)).join(',')}`);
    fs.writeFileSync(ext, `${lines.join('\n')}\n`);
    openssl(['x509', '-req', '-in', `${name}.csr`, '-CA', caCert, '-CAkey', caKey, '-CAcreateserial', '-out', `${name}.crt`,
      '-days', '2', '-sha256', '-extfile', ext], dir);
    return { cert: path.join(dir, `${name}.crt`), key: path.join(dir, `${name}.key`) };
  };
}

/** Creates a new CA in dir (`<name>.crt`, `<name>.key`). */
export function createCa(dir: string, name: string): CertAuthority {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.crt`, '-days', '2',
    '-subj', `/CN=${name}`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature'], dir);
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  return { cert, key, issue: signer(dir, cert, key) };
}

/** A CA whose PEMs exist already (e.g. read from a cluster Secret), written into dir. */
export function loadCa(dir: string, name: string, certPem: string, keyPem: string): CertAuthority {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  fs.writeFileSync(cert, certPem);
  fs.writeFileSync(key, keyPem, { mode: 0o600 });
  return { cert, key, issue: signer(dir, cert, key) };
}

/** An RSA key pair: `<name>.key` (private) and `<name>.pub` (public). */
export function createKeyPair(dir: string, name: string): { readonly privateKey: string; readonly publicKey: string } {
  openssl(['genrsa', '-out', `${name}.key`, '2048'], dir);
  openssl(['rsa', '-in', `${name}.key`, '-pubout', '-out', `${name}.pub`], dir);
  return { privateKey: path.join(dir, `${name}.key`), publicKey: path.join(dir, `${name}.pub`) };
}
