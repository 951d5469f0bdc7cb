// The service's Ed25519 signing keys: created on first use and kept in a 0600 file beside the database, rotatable;
// retired keys keep only their public half, listed so that bundles and registry copies signed with them still verify.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';

export const KEYS_FORMAT = 'sanheyi.signing-keys/1';

/** A public key as `GET /api/v1/keys` lists it and `loadBundle` takes it. */
export interface PublicKeyInfo {
  /** `ed25519:` and the first 16 hex digits of the SHA-256 of the key's SPKI DER. */
  id: string;
  algorithm: 'Ed25519';
  /** SPKI DER, base64. */
  publicKey: string;
  createdAt: string;
  /** When a newer key replaced it; null for the key that signs now. */
  retiredAt: string | null;
}

interface StoredKey extends PublicKeyInfo {
  /** PKCS#8 DER, base64; dropped when the key is retired. */
  privateKey: string | null;
}

interface KeyFile {
  format: typeof KEYS_FORMAT;
  keys: StoredKey[];
}

/** The key file of a database: `<db>.signing-keys.json` beside it. */
export function keyFileFor(dbFile: string): string {
  return `${dbFile}.signing-keys.json`;
}

export function keyIdOf(spkiDer: Buffer): string {
  return 'ed25519:' + createHash('sha256').update(spkiDer).digest('hex').slice(0, 16);
}

function newKey(at: string): StoredKey {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const spki = publicKey.export({ type: 'spki', format: 'der' });
  return {
    id: keyIdOf(spki),
    algorithm: 'Ed25519',
    publicKey: spki.toString('base64'),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
    createdAt: at,
    retiredAt: null,
  };
}

const publicPart = ({ privateKey: _secret, ...k }: StoredKey): PublicKeyInfo => k;

/**
 * The key ring of one database. `file` null keeps the keys in memory (an in-memory database). The file is read
 * again when it changes on disk, so a `sanheyi keys rotate` at the console is seen by a running service.
 */
export class SigningKeys {
  private ring: KeyFile | undefined;
  private stamp = '';
  private signer: { id: string; key: KeyObject } | undefined;

  constructor(
    private readonly file: string | null,
    private readonly now: () => string,
  ) {}

  /** Every key, newest last, without private halves. */
  list(): PublicKeyInfo[] {
    return this.load().keys.map(publicPart);
  }

  /** Signs `data` with the current key (created on first use). */
  sign(data: string): { keyId: string; algorithm: 'Ed25519'; value: string } {
    const s = this.current();
    return { keyId: s.id, algorithm: 'Ed25519', value: sign(null, Buffer.from(data, 'utf8'), s.key).toString('base64') };
  }

  /** The id of the key that signs now. */
  currentId(): string {
    return this.current().id;
  }

  /** Retires the current key (its private half is deleted) and starts signing with a new one. */
  rotate(): PublicKeyInfo {
    const ring = this.load();
    const at = this.now();
    const keys = ring.keys.map((k) => (k.privateKey ? { ...k, privateKey: null, retiredAt: at } : k));
    const fresh = newKey(at);
    this.save({ format: KEYS_FORMAT, keys: [...keys, fresh] });
    return publicPart(fresh);
  }

  private current(): { id: string; key: KeyObject } {
    const ring = this.load();
    const k = ring.keys.at(-1);
    if (!k?.privateKey) throw new Error(`签名密钥文件 ${this.file} 中没有可用的私钥`);
    if (this.signer?.id !== k.id) {
      this.signer = { id: k.id, key: createPrivateKey({ key: Buffer.from(k.privateKey, 'base64'), format: 'der', type: 'pkcs8' }) };
    }
    return this.signer;
  }

  private load(): KeyFile {
    if (this.file === null) return (this.ring ??= { format: KEYS_FORMAT, keys: [newKey(this.now())] });
    if (!existsSync(this.file)) this.create();
    const st = statSync(this.file);
    const stamp = `${st.mtimeMs}:${st.size}:${st.ino}`;
    if (this.ring && stamp === this.stamp) return this.ring;
    const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as KeyFile;
    if (parsed.format !== KEYS_FORMAT || !Array.isArray(parsed.keys) || !parsed.keys.length) {
      throw new Error(`签名密钥文件 ${this.file} 格式不对`);
    }
    for (const k of parsed.keys) {
      const der = Buffer.from(k.publicKey, 'base64');
      createPublicKey({ key: der, format: 'der', type: 'spki' });
      if (keyIdOf(der) !== k.id) throw new Error(`签名密钥文件 ${this.file} 中密钥 ${k.id} 的编号与公钥不符`);
    }
    this.ring = parsed;
    this.stamp = stamp;
    return parsed;
  }

  /** First start: writes the file exclusively (0600), so a service and a console command never make two keys. */
  private create(): void {
    let fd: number;
    try {
      fd = openSync(this.file!, 'wx', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return;
      throw e;
    }
    try {
      writeFileSync(fd, JSON.stringify({ format: KEYS_FORMAT, keys: [newKey(this.now())] }, null, 2) + '\n');
    } finally {
      closeSync(fd);
    }
  }

  private save(ring: KeyFile): void {
    if (this.file === null) {
      this.ring = ring;
      return;
    }
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(ring, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
    renameSync(tmp, this.file);
    this.ring = undefined;
  }
}
