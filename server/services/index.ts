// Builds every service of the application over one database; the only place they are wired together.
import type { Db } from '../store/db.js';
import { isCurrent, knownVersion } from '../store/db.js';
import { ChangeCounter, foreignChangeProbe } from '../store/changes.js';
import { createStores, type Stores } from '../store/index.js';
import { databaseFile, defaultAuditKeyFile, openAuditKey } from '../store/audit-key.js';
import { defaultAuditHeadFile } from '../store/audit-head.js';
import { VersionCheck } from '../store/version-check.js';
import { ApprovedContent } from './audit-integrity.js';
import { Access } from './access.js';
import { KeyUsage } from './api-key-usage.js';
import { ApiKeysService, keyRefusal } from './api-keys-service.js';
import { AuditService } from './audit-service.js';
import { AuthService } from './auth-service.js';
import type { Logger } from '../log.js';
import { PdfQueue } from '../print/pdf-queue.js';
import { ImportRunner } from '../spreadsheet/import-runner.js';
import { Baselines } from './baselines.js';
import { BundleService } from './bundles/bundle-service.js';
import { SigningKeys, keyFileFor } from './bundles/signing-keys.js';
import { ClassifyService } from './classify-service.js';
import { type Clock, isoNow, systemClock } from './clock.js';
import { CompiledCache } from './compiled-cache.js';
import { ContentWatch } from './content-watch.js';
import { DecisionLogService } from './decision-log/decision-log-service.js';
import type { WriterOptions } from './decision-log/log-writer.js';
import { ImpactService } from './decision-log/impact-service.js';
import { ReviewInbox } from './decision-log/review-inbox.js';
import { ReviewToTest } from './decision-log/review-to-test.js';
import { OrgsService } from './orgs-service.js';
import { UsersService } from './users-service.js';
import { PrincipalCache } from './principal-cache.js';
import { Decisions } from './schemes/decisions.js';
import { Drafts } from './schemes/drafts.js';
import { SchemeReview } from './schemes/review.js';
import { SchemeAccess } from './schemes/scheme-access.js';
import { SchemesService } from './schemes/schemes-service.js';
import { Supersede } from './schemes/supersede.js';
import { ImportSuggestionsService } from './schemes/suggestions.js';
import { SpreadsheetsService } from './spreadsheets-service.js';
import { ComplianceCounts } from './supervision/compliance-counts.js';
import { SupervisionService } from './supervision/supervision-service.js';
import { UnitChangesService } from './supervision/unit-changes-service.js';
import { SupervisionStore } from '../store/supervision-store.js';
import { UnitChangeStore } from '../store/unit-changes-store.js';
import { type DeliveryOptions, WebhookDelivery } from './webhooks/delivery.js';
import { WebhooksService } from './webhooks/webhooks-service.js';
import { DEFAULT_CHROMIUM } from '../config.js';
import { DEFAULT_SCRYPT, type ScryptParams } from './secrets.js';
import { DEFAULT_THROTTLE, Throttle, type ThrottlePolicy } from './throttle.js';

export type { Logger } from '../log.js';

export interface ServiceOptions {
  db: Db;
  clock?: Clock;
  /** Folder of shipped baselines (rulesets/*.json). */
  rulesetsDir?: string;
  log?: Logger;
  scrypt?: ScryptParams;
  /** Session lifetime in hours (default 12). */
  sessionHours?: number;
  /** PDF export's queue; by default one over Debian's chromium. */
  pdf?: PdfQueue;
  /** The decision log writer's batching (flush interval, queue length). */
  decisionLog?: WriterOptions;
  /** The worker thread that reads uploaded tables; by default one with the standard limits. */
  imports?: ImportRunner;
  /** Guessing limits (default DEFAULT_THROTTLE). */
  throttle?: Partial<ThrottlePolicy>;
  /** Webhook retries and timeouts (defaults in webhooks/delivery.ts). */
  webhooks?: DeliveryOptions;
  /** The audit chain's key file (default: `<database>.audit-key`, created on first start). */
  auditKeyFile?: string;
  /** Memory for compiled scheme versions in bytes (default 512 MB). */
  compiledCacheBytes?: number;
}

export interface Services {
  db: Db;
  clock: Clock;
  stores: Stores;
  access: Access;
  auth: AuthService;
  /** Administering accounts: edit, disable, reset, confirm admins, unlock. */
  users: UsersService;
  /** Bearer credentials as the HTTP edge resolves them: API keys from memory until the database changes. */
  credentials: PrincipalCache;
  /** Moves when the database changes; the HTTP edge refreshes it from other connections (ChangeCounter.refreshInTurn). */
  changes: ChangeCounter;
  orgs: OrgsService;
  apiKeys: ApiKeysService;
  baselines: Baselines;
  /** Who may read, edit or decide a scheme: asked once per request, the answer passed to the step. */
  schemeAccess: SchemeAccess;
  /** The scheme workflow, one service per step. */
  schemes: SchemesService;
  drafts: Drafts;
  decisions: Decisions;
  review: SchemeReview;
  supersede: Supersede;
  classify: ClassifyService;
  /** What classify recorded per unit (batched writes), its listing, settings and purge. */
  decisionLog: DecisionLogService;
  /** Reviews awaiting an archivist; `reviewInbox.onDecided(listener)` announces each decision (review.decided). */
  reviewInbox: ReviewInbox;
  reviewToTest: ReviewToTest;
  /** A version's impact: logged records or a sample replayed through it and the version in force. */
  impact: ImpactService;
  spreadsheets: SpreadsheetsService;
  /** The conditions an import suggested, kept with the scheme. */
  importSuggestions: ImportSuggestionsService;
  pdf: PdfQueue;
  imports: ImportRunner;
  audit: AuditService;
  /** Stored versions checked against the audit log where they are used; what failed, for readiness. */
  integrity: ApprovedContent;
  /** Re-verifies stored versions soon after another connection wrote the file; `start()` (the server calls it). */
  contentWatch: ContentWatch;
  cache: CompiledCache;
  /** The supervision view (reviewers and admins) and the unit changes that make a table due for revision. */
  supervision: SupervisionService;
  unitChanges: UnitChangesService;
  /** Signed bundles of approved tables, and the signing keys beside the database. */
  bundles: BundleService;
  /** A unit's webhooks and the events queued for them; `delivery` sends the outbox. */
  webhooks: WebhooksService;
  delivery: WebhookDelivery;
  ready(): boolean;
  /** The schema version (migration number) this code expects. */
  schemaVersion(): number;
}

export function createServices(o: ServiceOptions): Services {
  const clock = o.clock ?? systemClock;
  const log = o.log ?? (() => {});
  const dbFile = databaseFile(o.db);
  const key = openAuditKey(o.db, o.auditKeyFile ?? (dbFile && defaultAuditKeyFile(dbFile)), clock().toISOString());
  const stores = createStores(o.db, { key, headFile: dbFile && defaultAuditHeadFile(dbFile) });
  const integrity = new ApprovedContent(stores, new VersionCheck(o.db, stores.audit), log);
  // Start-up check: the chain and every version past draft against the audit log (problems are logged and kept).
  integrity.verifyAll();
  const access = new Access(stores.orgs);
  const cache = new CompiledCache({ budget: o.compiledCacheBytes });
  // Baselines from the folder, and those the database keeps (a restored backup's) for ids the folder lacks; the
  // folder's are kept in the database, so that backups carry what compliance refers to.
  const baselines = new Baselines(o.rulesetsDir, log, stores.baselines.newest());
  const keptAt = clock().toISOString();
  o.db.transaction(() => {
    for (const b of baselines.fromFolder()) stores.baselines.record(b, keptAt);
  })();
  const pdf = o.pdf ?? new PdfQueue({ executablePath: DEFAULT_CHROMIUM, log });
  const imports = o.imports ?? new ImportRunner();
  const supersede = new Supersede(o.db, stores, clock);
  const schemeAccess = new SchemeAccess(stores, access);
  const drafts = new Drafts(o.db, stores, clock, baselines, cache, integrity);
  const schemes = new SchemesService(stores, access, supersede, integrity);
  const changes = new ChangeCounter(o.db);
  const decisionLog = new DecisionLogService(
    o.db,
    stores,
    access,
    clock,
    changes,
    logError(log, clock, 'decision log write failed'),
    o.decisionLog,
  );
  const throttle = new Throttle(() => clock().getTime(), { ...DEFAULT_THROTTLE, ...o.throttle });
  const unitChangeStore = new UnitChangeStore(o.db);
  const supervisionStore = new SupervisionStore(o.db);
  const supervision = new SupervisionService(
    stores,
    supervisionStore,
    unitChangeStore,
    access,
    clock,
    new ComplianceCounts(stores, baselines, cache, supervisionStore, changes),
    (unitId, since) => decisionLog.unitStats(unitId, since),
  );
  const auth = new AuthService(o.db, stores, access, clock, o.scrypt ?? DEFAULT_SCRYPT, o.sessionHours ?? 12, throttle);
  const webhooks = new WebhooksService(o.db, stores, access, clock);
  const delivery = new WebhookDelivery(o.db, stores.webhooks, clock, log, o.webhooks);
  webhooks.onQueued = () => void delivery.deliverDue();
  const classify = new ClassifyService(stores, access, clock, cache, changes, decisionLog, integrity);
  const signingKeys = new SigningKeys(o.db.memory ? null : keyFileFor(o.db.name), () => isoNow(clock));
  const reviewInbox = new ReviewInbox(o.db, stores, access, clock, decisionLog, logError(log, clock, 'review.decided listener failed'));
  reviewInbox.onDecided((e) => webhooks.reviewDecided(e));
  return {
    db: o.db,
    clock,
    stores,
    access,
    cache,
    baselines,
    auth,
    users: new UsersService(o.db, stores, access, clock, o.scrypt ?? DEFAULT_SCRYPT, throttle),
    credentials: new PrincipalCache(
      changes,
      {
        resolve: (token) => auth.authenticate(token),
        issued: (token) => auth.issued(token),
        limited: (address) => auth.tokenLimitReached(address),
        refusal: (p) => (p.kind === 'key' ? keyRefusal(p.key, clock()) : null),
      },
      throttle,
    ),
    changes,
    orgs: new OrgsService(o.db, stores, access, clock),
    apiKeys: new ApiKeysService(
      o.db,
      stores,
      access,
      clock,
      new KeyUsage(o.db, stores.apiKeys, changes, clock, logError(log, clock, 'API key usage write failed')),
    ),
    schemeAccess,
    schemes,
    drafts,
    decisions: new Decisions(o.db, stores, clock, baselines, cache, supersede, (scheme, v) => webhooks.versionApproved(scheme, v)),
    review: new SchemeReview(stores, access, baselines, cache),
    supersede,
    spreadsheets: new SpreadsheetsService(schemeAccess, drafts, schemes, pdf, imports),
    importSuggestions: new ImportSuggestionsService(stores),
    pdf,
    imports,
    classify,
    decisionLog,
    reviewInbox,
    reviewToTest: new ReviewToTest(stores, decisionLog, schemeAccess, drafts),
    impact: new ImpactService(stores, access, clock, cache, schemeAccess, decisionLog),
    webhooks,
    delivery,
    bundles: new BundleService(stores, classify, baselines, signingKeys, () => stores.audit.chainHead(), o.db, clock, integrity),
    supervision,
    unitChanges: new UnitChangesService(o.db, stores, unitChangeStore, access, supervision, clock),
    audit: new AuditService(stores, access, integrity),
    integrity,
    contentWatch: new ContentWatch(foreignChangeProbe(o.db), integrity),
    schemaVersion: knownVersion,
    ready: () => {
      try {
        return isCurrent(o.db) && integrity.problems().versions.length === 0 && integrity.problems().chain === null;
      } catch {
        return false;
      }
    },
  };
}

const logError = (log: Logger, clock: Clock, msg: string) => (e: Error) =>
  log({ time: clock().toISOString(), level: 'error', msg, error: e.message });
