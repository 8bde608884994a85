// The one module that talks to the Go side. Components import from here, never
// from ../../wailsjs: tests replace this module with vi.mock, and every
// rejected promise leaves here as an ApiError.
import * as Actions from '../../wailsjs/go/app/ActionsAPI';
import * as Causes from '../../wailsjs/go/app/CausesAPI';
import * as Incidents from '../../wailsjs/go/app/IncidentsAPI';
import * as InsightsBound from '../../wailsjs/go/app/InsightsAPI';
import * as Meetings from '../../wailsjs/go/app/MeetingsAPI';
import * as Metrics from '../../wailsjs/go/app/MetricsAPI';
import * as Postmortems from '../../wailsjs/go/app/PostmortemsAPI';
import * as Search from '../../wailsjs/go/app/SearchAPI';
import * as System from '../../wailsjs/go/app/SystemAPI';
import * as Timeline from '../../wailsjs/go/app/TimelineAPI';
import type { app, domain, metrics, postmortem } from '../../wailsjs/go/models';
import { EventsOn } from '../../wailsjs/runtime/runtime';

export type ErrorCode = 'invalid' | 'not_found' | 'conflict' | 'unavailable' | 'internal';

/** What a failed call carries: a code, a sentence, and per-field messages
 *  (keyed like IncidentInput's JSON tags) to show under the fields. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string>;

  constructor(code: ErrorCode, message: string, fields: Record<string, string> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.fields = fields;
  }

  /** True when the error names at least one field. */
  get hasFields(): boolean {
    return Object.keys(this.fields).length > 0;
  }

  /** Splits the field messages into those a form shows under its fields
   *  (names in shown) and, for its banner, a line for the rest. */
  splitFields(shown: Record<string, unknown>): { known: Record<string, string>; other: string } {
    const known: Record<string, string> = {};
    const other: string[] = [];
    for (const [k, v] of Object.entries(this.fields)) {
      if (k in shown) known[k] = v;
      else other.push(k === 'zone' ? `Time zone ${v} (change it in Settings)` : `${k} ${v}`);
    }
    return { known, other: other.join(' · ') };
  }
}

const CODES: readonly ErrorCode[] = ['invalid', 'not_found', 'conflict', 'unavailable', 'internal'];

function fromObject(o: Record<string, unknown>): ApiError {
  const code = CODES.includes(o.code as ErrorCode) ? (o.code as ErrorCode) : 'internal';
  const fields: Record<string, string> = {};
  if (o.fields && typeof o.fields === 'object') {
    for (const [k, v] of Object.entries(o.fields as Record<string, unknown>)) {
      if (typeof v === 'string') fields[k] = v;
    }
  }
  let message = typeof o.message === 'string' ? o.message : '';
  if (!message) message = Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('; ') || 'Unknown error';
  return new ApiError(code, message, fields);
}

/** Normalises whatever a binding rejected with: the ErrorFormatter's object,
 *  that object as a JSON string, a plain string, or a JavaScript Error (for
 *  instance when the bridge itself is missing). */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (typeof e === 'string') {
    const s = e.trim();
    if (s.startsWith('{')) {
      try {
        const o = JSON.parse(s);
        if (o && typeof o === 'object') return fromObject(o);
      } catch {
        // not JSON after all: fall through to the plain message
      }
    }
    return new ApiError('internal', s || 'Unknown error');
  }
  if (e instanceof Error) return new ApiError('internal', e.message || String(e));
  if (e && typeof e === 'object') return fromObject(e as Record<string, unknown>);
  return new ApiError('internal', e === undefined || e === null ? 'Unknown error' : String(e));
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toApiError(e);
  }
}

// The generated classes declare optional times as `number`, but Go sends
// null for "not known": the types here say so.
type Nullable<T, K extends keyof T> = Omit<T, K> & { [P in K]?: T[P] | null };

export type Incident = Nullable<
  app.IncidentView,
  | 'startedAt'
  | 'detectedAt'
  | 'mitigatedAt'
  | 'resolvedAt'
  | 'timeToDetectMs'
  | 'timeToMitigateMs'
  | 'timeToResolveMs'
  | 'deletedAt'
>;
export type IncidentPage = { items: Incident[]; total: number; offset: number; limit: number };
export type IncidentInput = {
  title: string;
  summary: string;
  severity: string;
  status: string;
  services: string[];
  tags: string[];
  commander: string;
  customerImpact: string;
  startedAt: string;
  detectedAt: string;
  mitigatedAt: string;
  resolvedAt: string;
  zone: string;
};
export type IncidentFilter = {
  query?: string;
  statuses?: string[];
  severities?: string[];
  services?: string[];
  trashed?: boolean;
  sort?: string;
  limit?: number;
  offset?: number;
};
export type StatusChange = { from: string; to: string; at: number; by: string; reopen: boolean };
export type SeverityInfo = { name: string; label: string; meaning: string };
export type StatusInfo = { name: string; label: string; meaning: string; active: boolean };
export type Meta = {
  version: string;
  dbPath: string;
  logPath: string;
  systemZone: string;
  severities: SeverityInfo[];
  statuses: StatusInfo[];
  sortKeys: string[];
  eventKinds: { name: string; label: string }[];
  /** Action priorities with their default deadlines, types, statuses (board order), sort keys. */
  priorities: { name: string; label: string; defaultDueDays: number; settingKey: string }[];
  actionTypes: { name: string; label: string; meaning: string }[];
  actionStatuses: { name: string; label: string; closed: boolean }[];
  actionSortKeys: string[];
  /** Root-cause node kinds, in the order the UI offers them. */
  causeKinds: { name: string; label: string }[];
  /** Why the database could not be opened; empty when all is well. */
  startupError: string;
};
/** actionDue: default deadlines in days for P1, P2, P3 (see Meta.priorities). */
export type Settings = { theme: string; zone: string; userName: string; actionDue?: number[] };
export type Suggestions = { services: string[]; tags: string[]; people: string[] };
export type Counts = { total: number; active: number; trashed: number };

function filterArg(f: IncidentFilter): domain.IncidentFilter {
  return {
    query: f.query ?? '',
    statuses: f.statuses ?? [],
    severities: f.severities ?? [],
    services: f.services ?? [],
    trashed: f.trashed ?? false,
    sort: f.sort ?? '',
    limit: f.limit ?? 0,
    offset: f.offset ?? 0,
  };
}

export const listIncidents = (f: IncidentFilter): Promise<IncidentPage> =>
  call(() => Incidents.List(filterArg(f)) as Promise<IncidentPage>);
export const getIncident = (idOrRef: string): Promise<Incident> =>
  call(() => Incidents.Get(idOrRef) as Promise<Incident>);
export const createIncident = (input: IncidentInput): Promise<Incident> =>
  call(() => Incidents.Create(input) as Promise<Incident>);
export const updateIncident = (idOrRef: string, input: IncidentInput, version: number): Promise<Incident> =>
  call(() => Incidents.Update(idOrRef, input, version) as Promise<Incident>);
export const deleteIncident = (idOrRef: string): Promise<void> => call(() => Incidents.Delete(idOrRef));
export const restoreIncident = (idOrRef: string): Promise<Incident> =>
  call(() => Incidents.Restore(idOrRef) as Promise<Incident>);
export const purgeIncident = (idOrRef: string): Promise<void> => call(() => Incidents.Purge(idOrRef));
export const incidentHistory = (idOrRef: string): Promise<StatusChange[]> =>
  call(async () => ((await Incidents.History(idOrRef)) ?? []) as StatusChange[]);
export const suggest = (): Promise<Suggestions> => call(() => Incidents.Suggest() as Promise<Suggestions>);
export const counts = (): Promise<Counts> => call(() => Incidents.Counts() as Promise<Counts>);

// Similar incidents: the other incidents most alike one (shared services,
// root-cause statements alike, words and tags in common), best first, each
// with its reasons in words. An empty list when nothing is alike.
export type SimilarIncident = app.SimilarIncidentView;
export type SimilarReason = app.SimilarReasonView;
export const similarIncidents = (idOrRef: string): Promise<SimilarIncident[]> =>
  call(async () => (await Incidents.Similar(idOrRef)) ?? []);

export type TimelineEvent = app.EventView;
export type EventPage = { items: TimelineEvent[]; total: number; offset: number; limit: number };
export type EventInput = {
  at: string;
  zone: string;
  kind: string;
  author: string;
  body: string;
  tags: string[];
  keyMoment: string;
};
export type EventFilter = { kinds?: string[]; author?: string; query?: string; limit?: number; offset?: number };

export const listEvents = (incident: string, f: EventFilter): Promise<EventPage> =>
  call(async () => {
    const p = (await Timeline.List(incident, {
      kinds: f.kinds ?? [],
      author: f.author ?? '',
      query: f.query ?? '',
      limit: f.limit ?? 0,
      offset: f.offset ?? 0,
    })) as EventPage;
    return { ...p, items: p.items ?? [] };
  });
export const addEvent = (incident: string, input: EventInput): Promise<TimelineEvent> =>
  call(() => Timeline.Add(incident, input));
export const updateEvent = (id: string, input: EventInput): Promise<TimelineEvent> =>
  call(() => Timeline.Update(id, input));
export const deleteEvent = (id: string): Promise<void> => call(() => Timeline.Delete(id));
export const restoreEvent = (id: string): Promise<TimelineEvent> => call(() => Timeline.Restore(id));

/** A paste, or a file chosen with chooseImportFile (read on the Go side, so a
 *  large file never crosses the bridge), with the choices made in the preview
 *  for the lines not understood. */
export type ImportRequest = {
  text: string;
  path: string;
  incident: string;
  format: string;
  zone: string;
  date: string;
  join: number[];
  skip: number[];
};
export type ImportPreview = app.PreviewView;
export type PreviewEvent = app.PreviewEventView;
export type ImportProblem = app.ProblemView;
export type ImportFile = app.ImportFileView;
export type ImportResult = domain.ImportResult;

export const previewImport = (req: ImportRequest): Promise<ImportPreview> =>
  call(async () => {
    const p = await Timeline.Preview(req as app.ImportRequest);
    return {
      ...p,
      events: (p.events ?? []).map((e) => ({ ...e, warnings: e.warnings ?? [] })),
      problems: p.problems ?? [],
      warnings: p.warnings ?? [],
    } as ImportPreview;
  });
export const importEvents = (incident: string, req: ImportRequest): Promise<ImportResult> =>
  call(() => Timeline.Import(incident, req as app.ImportRequest));
/** Opens the native dialog; resolves to null when the person cancels. */
export const chooseImportFile = (folder: boolean): Promise<ImportFile | null> =>
  call(async () => {
    const f = await Timeline.ChooseFile(folder);
    return f.path ? f : null;
  });

export const meta = (): Promise<Meta> => call(() => System.Meta() as Promise<Meta>);
export const settings = (): Promise<Settings> => call(() => System.Settings() as Promise<Settings>);
export const saveSettings = (s: Settings): Promise<Settings> =>
  call(() => System.SaveSettings(s as app.SettingsView) as Promise<Settings>);
export const loadDemo = (): Promise<Incident> => call(() => System.LoadDemo() as Promise<Incident>);
export const renderMarkdown = (src: string): Promise<string> => call(() => System.RenderMarkdown(src));
export const frontendReady = (): Promise<void> => call(() => System.FrontendReady());

/** Records a frontend failure in the log file. It never throws: reporting a
 *  failure must not become a second one. */
export async function reportError(message: string): Promise<void> {
  try {
    await System.ReportError(message);
  } catch {
    // the bridge is gone; the toast on screen is all we can do
  }
}

/** How a form shows a save the Go side refused: a conflict (with the
 *  form's own sentence), messages under the fields it has (labels), or a
 *  banner. An internal error is also written to the log. */
export function saveFailure(
  e: unknown,
  labels: Record<string, string>,
  what: string,
  conflictMessage: string,
): { conflict: boolean; errors: Record<string, string>; banner: string } {
  const err = toApiError(e);
  if (err.code === 'conflict') return { conflict: true, errors: {}, banner: conflictMessage };
  if (err.hasFields) {
    const { known, other } = err.splitFields(labels);
    return { conflict: false, errors: known, banner: other };
  }
  if (err.code === 'internal') void reportError(`saving ${what}: ${err.message}`);
  return { conflict: false, errors: {}, banner: err.message };
}

// Action items. Due dates are calendar dates (YYYY-MM-DD); overdue, days
// overdue and the quality hints come computed from the Go side.
export type Action = app.ActionView;
export type ActionHint = domain.Hint;
export type ActionChange = app.ActionChangeView;
export type ActionCounts = domain.ActionCounts;
export type ActionInput = domain.ActionInput;
export type ActionFilter = {
  query?: string;
  owner?: string;
  unowned?: boolean;
  statuses?: string[];
  priorities?: string[];
  types?: string[];
  services?: string[];
  incident?: string;
  overdue?: boolean;
  dueThisWeek?: boolean;
  zone?: string;
  sort?: string;
  limit?: number;
  offset?: number;
};
/** A bulk change: fields left undefined are not touched; '' clears owner or due. */
export type ActionPatch = { owner?: string; status?: string; reason?: string; due?: string };
export type ActionPage = { items: Action[]; total: number; offset: number; limit: number };

function actionFilterArg(f: ActionFilter): domain.ActionFilter {
  return {
    query: f.query ?? '',
    owner: f.owner ?? '',
    unowned: f.unowned ?? false,
    statuses: f.statuses ?? [],
    priorities: f.priorities ?? [],
    types: f.types ?? [],
    services: f.services ?? [],
    incident: f.incident ?? '',
    overdue: f.overdue ?? false,
    dueThisWeek: f.dueThisWeek ?? false,
    zone: f.zone ?? '',
    sort: f.sort ?? '',
    limit: f.limit ?? 0,
    offset: f.offset ?? 0,
  } as domain.ActionFilter;
}

function actionView(a: Action): Action {
  return { ...a, hints: a.hints ?? [] } as Action;
}

export const createAction = (input: ActionInput): Promise<Action> =>
  call(async () => actionView(await Actions.Create(input)));
export const getAction = (idOrRef: string): Promise<Action> => call(async () => actionView(await Actions.Get(idOrRef)));
export const updateAction = (idOrRef: string, input: ActionInput, version: number): Promise<Action> =>
  call(async () => actionView(await Actions.Update(idOrRef, input, version)));
export const setActionStatus = (idOrRef: string, status: string, reason: string, version: number): Promise<Action> =>
  call(async () => actionView(await Actions.SetStatus(idOrRef, status, reason, version)));
export const listActions = (f: ActionFilter): Promise<ActionPage> =>
  call(async () => {
    const p = await Actions.List(actionFilterArg(f));
    return { ...p, items: (p.items ?? []).map(actionView) } as ActionPage;
  });
/** Applies one change to many actions, all or none; resolves to how many changed. */
export const bulkUpdateActions = (idsOrRefs: string[], patch: ActionPatch): Promise<number> =>
  call(() => Actions.Bulk(idsOrRefs, patch as domain.ActionPatch));
export const actionHistory = (idOrRef: string): Promise<ActionChange[]> =>
  call(async () => (await Actions.History(idOrRef)) ?? []);
export const actionCounts = (): Promise<ActionCounts> => call(() => Actions.Counts());
/** The filtered list as markdown or CSV text, for the clipboard (refused past ~900 KB). */
export const exportActionsText = (f: ActionFilter, format: 'markdown' | 'csv'): Promise<string> =>
  call(() => Actions.ExportText(actionFilterArg(f), format));
/** Asks where to save the filtered list and writes it; null when cancelled. */
export const exportActionsFile = (
  f: ActionFilter,
  format: 'markdown' | 'csv',
): Promise<{ path: string; count: number } | null> =>
  call(async () => {
    const r = await Actions.ExportFile(actionFilterArg(f), format);
    return r.path ? r : null;
  });

// Root-cause trees. The tree comes flat, in outline order, with each node's
// depth, evidence and linked actions, and the guidance flags.
export type CauseNode = app.CauseNodeView;
export type CauseTree = { nodes: CauseNode[]; flags: domain.Flag[] };
export type CauseFlag = domain.Flag;
export type CauseInput = {
  parentId?: string;
  after?: string;
  position?: number;
  kind: string;
  statement: string;
  notes: string;
};
export type CauseShift = 'indent' | 'outdent' | 'up' | 'down';
export type EvidenceInput = domain.EvidenceInput;
export type OutlinePreview = app.OutlinePreviewView;

function causeInputArg(in_: CauseInput): domain.CauseInput {
  return { parentId: in_.parentId ?? '', after: in_.after ?? '', position: in_.position, kind: in_.kind,
    statement: in_.statement, notes: in_.notes } as domain.CauseInput;
}

export const causeTree = (incident: string): Promise<CauseTree> =>
  call(async () => {
    const t = await Causes.Tree(incident);
    return { nodes: t.nodes ?? [], flags: t.flags ?? [] };
  });
export const addCause = (incident: string, in_: CauseInput): Promise<CauseNode> =>
  call(() => Causes.Add(incident, causeInputArg(in_)));
export const updateCause = (id: string, in_: CauseInput, version: number): Promise<CauseNode> =>
  call(() => Causes.Update(id, causeInputArg(in_), version));
/** Puts a node (with its subtree) under parentId ('' for a new tree) at position. */
export const moveCause = (id: string, parentId: string, position: number): Promise<CauseNode> =>
  call(() => Causes.Move(id, parentId, position));
export const shiftCause = (id: string, shift: CauseShift): Promise<CauseNode> => call(() => Causes.Shift(id, shift));
/** mode: '' (refused when the node has children), 'subtree' or 'lift'. */
export const deleteCause = (id: string, mode: '' | 'subtree' | 'lift'): Promise<void> =>
  call(() => Causes.Delete(id, mode));
export const previewOutline = (text: string): Promise<OutlinePreview> => call(() => Causes.PreviewOutline(text));
export const importOutline = (incident: string, text: string): Promise<number> =>
  call(() => Causes.ImportOutline(incident, text));
export const addEvidence = (nodeId: string, in_: EvidenceInput): Promise<app.EvidenceView> =>
  call(() => Causes.AddEvidence(nodeId, in_));
export const removeEvidence = (id: string): Promise<void> => call(() => Causes.RemoveEvidence(id));
/** Links an action to a node; '' unlinks it. */
export const linkAction = (action: string, nodeId: string): Promise<void> =>
  call(() => Causes.LinkAction(action, nodeId));
export const exportCauses = (incident: string, format: 'markdown' | 'mermaid'): Promise<string> =>
  call(() => Causes.Export(incident, format));
/** Asks where to save the drawn diagram; resolves to the path, or '' when cancelled. */
export const saveDiagramSvg = (name: string, svg: string): Promise<string> => call(() => Causes.SaveSVG(name, svg));

// ---- Metrics ---------------------------------------------------------------
// Monitoring sources, snapshots of their queries over an incident's window,
// charts, alerts and detection lag. Times are unix milliseconds, except a
// chart's x values, which are unix seconds (what uPlot reads). Plain views
// are the generated models; the others are written here because they say
// more than the generated classes can: Go's *float64 arrives as null, y
// values hold nulls (gaps), and kinds, auths and moments are closed sets.
export type SourceKind = 'prometheus' | 'graphite';
export type SourceAuth = 'none' | 'bearer' | 'basic';
export type SourceInput = {
  name: string;
  kind: SourceKind;
  url: string;
  auth: SourceAuth;
  username: string;
  secretEnv: string;
  caFile: string;
  skipVerify: boolean;
  timeoutSeconds: number;
};
export type Source = SourceInput & {
  id: string;
  createdAt: number;
  updatedAt: number;
  /** Where the token or password lives; 'none' when auth is none. */
  secretWhere: 'none' | 'keyring' | 'env';
  hasSecret: boolean;
};
export type TestResult = app.TestResultView;
export type SavedQuery = {
  id: string;
  service: string;
  name: string;
  sourceId: string;
  query: string;
  unit: string;
  createdAt: number | string;
};
export type SavedQueryInput = domain.SavedQueryInput;
/** The add-snapshot form as typed: start, end and step are parsed on the Go
 *  side in zone; '' means the default window, or an automatic step. */
export type SnapshotInput = {
  incident: string;
  source: string;
  query: string;
  title: string;
  start: string;
  end: string;
  step: string;
  zone: string;
};
export type SnapshotPlan = app.PlanView;
/** departedAt: when the series left its baseline band (ms); 0 when it never did. */
export type SeriesStats = metrics.FiniteStats;
export type SnapshotSeries = { key: string; label: string; labels: Record<string, string>; stats: SeriesStats };
export type Signal = { seriesKey: string; threshold: number | null; below: boolean };
export type Snapshot = {
  id: string;
  groupId: string;
  version: number;
  versions: number;
  incidentId: string;
  sourceId: string;
  sourceName: string;
  sourceKind: string;
  title: string;
  query: string;
  startMs: number;
  endMs: number;
  stepMs: number;
  fetchedAt: number;
  hash: string;
  seriesCount: number;
  pointCount: number;
  signal: Signal;
  series: SnapshotSeries[];
};
export type Moment = 'started' | 'detected' | 'mitigated' | 'resolved';
export type ChartMarker = { moment: Moment; at: number };
export type ChartEvent = { id: string; at: number; kind: string; text: string };
export type ChartSeries = { key: string; label: string; y: (number | null)[]; stats: SeriesStats };
export type ChartData = {
  fromMs: number;
  toMs: number;
  stepMs: number;
  /** Unix seconds. */
  x: number[];
  series: ChartSeries[];
  markers: ChartMarker[];
  events: ChartEvent[];
  windowStartMs: number;
  windowEndMs: number;
};
export type DetectionLag = {
  snapshotId: string;
  title: string;
  seriesKey: string;
  method: 'baseline' | 'threshold';
  visibleAt: number;
  detectedAt: number;
  lagMs: number;
  sentence: string;
};
export type Alert = {
  key: string;
  name: string;
  labels: Record<string, string>;
  firingAt: number;
  /** 0: still firing at the end of the window. */
  resolvedAt: number;
  inTimeline: boolean;
};
export type MetricsProgress = {
  job: string;
  done: number;
  total: number;
  query: string;
  source: string;
  phase: 'fetching' | 'saving' | 'done';
};

// The generated bindings type these views as classes; the shapes are the same.
type Bound<T> = Promise<T>;
const bound = <T>(p: Promise<unknown>): Bound<T> => p as Promise<T>;
const arr = <T>(x: T[] | null | undefined): T[] => x ?? [];

function snapshotView(s: Snapshot): Snapshot {
  return {
    ...s,
    signal: s.signal ?? { seriesKey: '', threshold: null, below: false },
    series: arr(s.series).map((x) => ({ ...x, labels: x.labels ?? {} })),
  };
}

export const metricSources = (): Promise<Source[]> => call(async () => arr(await bound<Source[]>(Metrics.Sources())));
/** Creates (id '') or updates a source; secret '' keeps the stored one. */
export const saveSource = (id: string, input: SourceInput, secret: string): Promise<Source> =>
  call(() => bound<Source>(Metrics.SaveSource(id, input, secret)));
export const deleteSource = (id: string): Promise<void> => call(() => Metrics.DeleteSource(id));
/** Tries the source (id '' for one not saved yet); a failure rejects, naming the source. */
export const testSource = (id: string, input: SourceInput, secret: string): Promise<TestResult> =>
  call(() => Metrics.TestSource(id, input, secret));
export const savedQueries = (services: string[]): Promise<SavedQuery[]> =>
  call(async () => arr(await bound<SavedQuery[]>(Metrics.SavedQueries(services))));
export const saveQuery = (input: SavedQueryInput): Promise<SavedQuery> =>
  call(() => bound<SavedQuery>(Metrics.SaveQuery(input)));
export const deleteSavedQuery = (id: string): Promise<void> => call(() => Metrics.DeleteSavedQuery(id));
export const planSnapshot = (input: SnapshotInput): Promise<SnapshotPlan> =>
  call(() => Metrics.PlanSnapshot(input));
/** Fetches and stores a snapshot; progress arrives as events for job. */
export const addSnapshot = (job: string, input: SnapshotInput): Promise<Snapshot> =>
  call(async () => snapshotView(await bound<Snapshot>(Metrics.AddSnapshot(job, input))));
/** Fetches every snapshot of the incident again, all or nothing. */
export const syncSnapshots = (job: string, incident: string): Promise<app.SyncView> =>
  call(() => Metrics.Sync(job, incident));
export const cancelMetricsJob = (job: string): Promise<void> => call(() => Metrics.Cancel(job));
export const snapshots = (incident: string): Promise<Snapshot[]> =>
  call(async () => arr(await bound<Snapshot[]>(Metrics.Snapshots(incident))).map(snapshotView));
/** Every version of the snapshot's group, newest first. */
export const snapshotVersions = (id: string): Promise<Snapshot[]> =>
  call(async () => arr(await bound<Snapshot[]>(Metrics.Versions(id))).map(snapshotView));
/** The chart of a snapshot between from and to (0, 0: its whole window), in about buckets columns. */
export const chartData = (id: string, fromMs: number, toMs: number, buckets: number): Promise<ChartData> =>
  call(async () => {
    const c = await bound<ChartData>(Metrics.Chart(id, fromMs, toMs, Math.max(1, Math.round(buckets))));
    return {
      ...c,
      x: arr(c.x),
      series: arr(c.series).map((s) => ({ ...s, y: arr(s.y) })),
      markers: arr(c.markers),
      events: arr(c.events),
    };
  });
/** seriesKey '' clears the signal. */
export const setSignal = (id: string, seriesKey: string, threshold: number | null, below: boolean): Promise<Snapshot> =>
  call(async () => snapshotView(await bound<Snapshot>(Metrics.SetSignal(id, seriesKey, threshold, below))));
/** Deletes every version of the snapshot's group. */
export const deleteSnapshot = (id: string): Promise<void> => call(() => Metrics.DeleteSnapshot(id));
export const detectionLag = (incident: string): Promise<DetectionLag | null> =>
  call(async () => (await bound<DetectionLag | null>(Metrics.DetectionLag(incident))) ?? null);
export const findAlerts = (incident: string, source: string, start: string, end: string, zone: string): Promise<Alert[]> =>
  call(async () =>
    arr(await bound<Alert[]>(Metrics.FindAlerts(incident, source, start, end, zone))).map((a) => ({
      ...a,
      labels: a.labels ?? {},
    })),
  );
export const addAlerts = (incident: string, alerts: Alert[]): Promise<ImportResult> =>
  call(() => Metrics.AddAlerts(incident, alerts as app.AlertView[]));
/** Asks where to save and writes the chart as SVG; '' when cancelled. */
export const saveChartSvg = (id: string, fromMs: number, toMs: number): Promise<string> =>
  call(() => Metrics.SaveChartSVG(id, fromMs, toMs));
/** Asks where to save and writes the raw stored points as CSV; '' when cancelled. */
export const saveChartCsv = (id: string): Promise<string> => call(() => Metrics.SaveChartCSV(id));

export const METRICS_PROGRESS = 'metrics:progress';
/** Listens to the progress of long metric work; returns the unsubscribe. */
export function onMetricsProgress(cb: (p: MetricsProgress) => void): () => void {
  return EventsOn(METRICS_PROGRESS, (p: MetricsProgress) => cb(p));
}

// ---- Postmortems -----------------------------------------------------------
// The incident's written postmortem: one document per incident, edited as a
// draft, then reviewed and published. The Go side renders the preview
// (sanitized), finds the blameless-language hints and owns every rule of
// the review workflow; times are unix milliseconds.
export type PostmortemStatus = 'draft' | 'in_review' | 'approved' | 'published';
export type Postmortem = Omit<app.PostmortemView, 'status'> & { status: PostmortemStatus };
export type PostmortemTemplate = app.TemplateView;
export type PostmortemSettings = app.PostmortemSettingsView;
export type PostmortemProblem = postmortem.Problem;
/** line is 1-based; col (1-based) and len count runes (code points), not UTF-16 units. */
export type PostmortemHint = postmortem.Hint;
export type PostmortemPreview = { html: string; problems: PostmortemProblem[]; hints: PostmortemHint[]; micros: number };
export type PlaceholderInfo = postmortem.PlaceholderInfo;
export type PostmortemRevision = app.RevisionView;
export type PostmortemReview = app.ReviewView;
export type PostmortemEvent = app.PostmortemEventView;
export type PostmortemExport = app.PostmortemExportView;
export type PostmortemEdit = { title: string; body: string; authors: string[]; note: string; revision: boolean };

function pmView(p: app.PostmortemView): Postmortem {
  return {
    ...p,
    status: p.status as PostmortemStatus,
    authors: arr(p.authors),
    reviewers: arr(p.reviewers),
    next: arr(p.next),
  } as Postmortem;
}

/** The incident's postmortem; null when it has none yet. */
export const getPostmortem = (incident: string): Promise<Postmortem | null> =>
  call(async () => {
    try {
      return pmView(await Postmortems.Get(incident));
    } catch (e) {
      const err = toApiError(e);
      if (err.code === 'not_found') return null;
      throw err;
    }
  });
export const createPostmortem = (incident: string, template: string, title: string): Promise<Postmortem> =>
  call(async () => pmView(await Postmortems.Create(incident, template, title)));
/** Autosave sends revision false; "Save revision" true with a note. A stale version rejects with conflict. */
export const savePostmortem = (id: string, edit: PostmortemEdit, version: number): Promise<Postmortem> =>
  call(async () => pmView(await Postmortems.Save(id, edit as domain.PostmortemEdit, version)));
export const previewPostmortem = (incident: string, body: string): Promise<PostmortemPreview> =>
  call(async () => {
    const p = await Postmortems.Preview(incident, body);
    return { html: p.html, problems: arr(p.problems), hints: arr(p.hints), micros: p.micros };
  });
/** body with the placeholder name replaced by its current text. */
export const freezePlaceholder = (incident: string, body: string, name: string): Promise<string> =>
  call(() => Postmortems.Freeze(incident, body, name));
export const placeholders = (): Promise<PlaceholderInfo[]> => call(async () => arr(await Postmortems.Placeholders()));
export const postmortemTemplates = (): Promise<PostmortemTemplate[]> =>
  call(async () => arr(await Postmortems.Templates()));
export const postmortemSettings = (): Promise<PostmortemSettings> =>
  call(async () => {
    const s = await Postmortems.Settings();
    return { ...s, templates: arr(s.templates), reviewDue: s.reviewDue ?? {} } as PostmortemSettings;
  });
/** All or nothing; a mistake names its field ("templates.0.body", "phrases", "reviewDue.SEV2"). */
export const savePostmortemSettings = (s: PostmortemSettings): Promise<PostmortemSettings> =>
  call(async () => {
    const r = await Postmortems.SaveSettings(s);
    return { ...r, templates: arr(r.templates), reviewDue: r.reviewDue ?? {} } as PostmortemSettings;
  });
/** Newest first, without bodies. */
export type PostmortemSummary = app.PostmortemSummaryView;
export type PostmortemFilter = { statuses?: PostmortemStatus[]; reviewOverdue?: boolean; limit?: number; offset?: number };
/** A page of postmortems across incidents, soonest review due first. */
export const listPostmortems = (f: PostmortemFilter): Promise<{ items: PostmortemSummary[]; total: number }> =>
  call(async () => {
    const p = await Postmortems.List({ statuses: [], reviewOverdue: false, zone: '', limit: 100, offset: 0, ...f } as domain.PostmortemFilter);
    return { items: arr(p.items), total: p.total };
  });
export const postmortemRevisions = (id: string): Promise<PostmortemRevision[]> =>
  call(async () => arr(await Postmortems.Revisions(id)));
export const postmortemRevision = (id: string, n: number): Promise<PostmortemRevision> =>
  call(() => Postmortems.Revision(id, n));
export const restoreRevision = (id: string, n: number, version: number): Promise<Postmortem> =>
  call(async () => pmView(await Postmortems.Restore(id, n, version)));
export const submitPostmortem = (id: string, reviewers: string[]): Promise<Postmortem> =>
  call(async () => pmView(await Postmortems.Submit(id, reviewers)));
export const reviewPostmortem = (
  id: string,
  reviewer: string,
  verdict: 'approve' | 'changes',
  comment: string,
): Promise<Postmortem> => call(async () => pmView(await Postmortems.Review(id, reviewer, verdict, comment)));
/** Publish, withdraw (draft from in review) or reopen (draft). */
export const setPostmortemStatus = (id: string, status: 'published' | 'draft', comment: string): Promise<Postmortem> =>
  call(async () => pmView(await Postmortems.SetStatus(id, status, comment)));
export const postmortemReviews = (id: string): Promise<PostmortemReview[]> =>
  call(async () => arr(await Postmortems.Reviews(id)));
export const postmortemHistory = (id: string): Promise<PostmortemEvent[]> =>
  call(async () => arr(await Postmortems.History(id)));
export const postmortemExportDir = (): Promise<string> => call(() => Postmortems.ExportDir());
/** The native folder dialog; '' when cancelled. */
export const chooseExportDir = (): Promise<string> => call(() => Postmortems.ChooseExportDir());
/** Writes the postmortem with its assets; existing files reject (conflict on "dir") unless force. */
export const exportPostmortem = (incident: string, dir: string, format: 'md' | 'html', force: boolean): Promise<PostmortemExport> =>
  call(async () => {
    const r = await Postmortems.Export(incident, dir, format, force);
    return { ...r, files: arr(r.files), problems: arr(r.problems) } as PostmortemExport;
  });

// ---- Review meetings -------------------------------------------------------
// A series (weekly, monthly or ad hoc) has meetings; each meeting reviews a
// period [periodStart, periodEnd) read in the series' zone, and its agenda is
// generated from that period by the Go side, then edited in the meeting.
// Every change answers with the whole meeting as it now is (a few dozen
// items; the Go side caps each generated list).
export type MeetingSeries = app.MeetingSeriesView;
export type MeetingSeriesInput = { name: string; cadence: string; zone: string; facilitator: string; attendees: string[] };
export type MeetingStatus = 'planned' | 'held';
export type MeetingRow = Omit<app.MeetingRowView, 'status'> & { status: MeetingStatus };
export type AgendaDecision = app.DecisionView;
export type AgendaItem = app.AgendaItemView;
export type AgendaSectionInfo = domain.AgendaSectionInfo;
export type Meeting = Omit<app.MeetingView, 'status'> & { status: MeetingStatus };
/** date YYYY-MM-DD and time HH:MM in the series' zone; from/to both or neither (default period). */
export type MeetingInput = {
  series: string;
  title: string;
  date: string;
  time: string;
  from: string;
  to: string;
  facilitator: string;
  attendees: string[];
};
/** Fields left undefined are kept. */
export type MeetingEdit = { title?: string; facilitator?: string; attendees?: string[]; notes?: string };
/** Adding: section ('' is other business) and title. Editing: notes, and title/body of a hand-added item. */
export type AgendaItemInput = { section?: string; title?: string; body?: string; notes?: string };
export type MeetingPeriod = app.PeriodView;
export type MeetingExport = app.MeetingExportView;

const seriesView = (s: app.MeetingSeriesView): MeetingSeries => ({ ...s, attendees: arr(s.attendees) }) as MeetingSeries;
const meetingRowView = (m: app.MeetingRowView): MeetingRow =>
  ({ ...m, attendees: arr(m.attendees), heldAt: m.heldAt ?? undefined }) as MeetingRow;
const agendaItemView = (it: app.AgendaItemView): AgendaItem =>
  ({ ...it, decisions: arr(it.decisions), actions: arr(it.actions) }) as AgendaItem;
const meetingView = (m: app.MeetingView): Meeting =>
  ({
    ...m,
    attendees: arr(m.attendees),
    sections: arr(m.sections),
    items: arr(m.items).map(agendaItemView),
    actions: arr(m.actions).map(actionView),
  }) as Meeting;

export const meetingSeries = (): Promise<MeetingSeries[]> => call(async () => arr(await Meetings.Series()).map(seriesView));
export const createMeetingSeries = (input: MeetingSeriesInput): Promise<MeetingSeries> =>
  call(async () => seriesView(await Meetings.CreateSeries(input as domain.SeriesInput)));
export const updateMeetingSeries = (id: string, input: MeetingSeriesInput, version: number): Promise<MeetingSeries> =>
  call(async () => seriesView(await Meetings.UpdateSeries(id, input as domain.SeriesInput, version)));
/** Newest first; series '' lists every series' meetings. */
export const listMeetings = (series = ''): Promise<MeetingRow[]> =>
  call(async () => arr(await Meetings.List(series)).map(meetingRowView));
/** The period a new meeting on date at time reviews by default (inclusive dates in the series' zone). */
export const defaultMeetingPeriod = (series: string, date: string, time: string): Promise<MeetingPeriod> =>
  call(() => Meetings.DefaultPeriod(series, date, time));
export const createMeeting = (input: MeetingInput): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.Create(input as domain.MeetingInput)));
export const getMeeting = (idOrRef: string): Promise<Meeting> => call(async () => meetingView(await Meetings.Meeting(idOrRef)));
export const updateMeeting = (idOrRef: string, edit: MeetingEdit, version: number): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.Update(idOrRef, edit as domain.MeetingEdit, version)));
export const setMeetingStatus = (idOrRef: string, status: MeetingStatus): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.SetStatus(idOrRef, status)));
/** Rebuilds the generated items from today's data; notes, decisions, order and dismissals stay. */
export const regenerateAgenda = (idOrRef: string): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.Regenerate(idOrRef)));
export const addAgendaItem = (meeting: string, input: AgendaItemInput): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.AddItem(meeting, input as domain.ItemInput)));
/** A stale version rejects with conflict. */
export const updateAgendaItem = (meeting: string, item: string, input: AgendaItemInput, version: number): Promise<AgendaItem> =>
  call(async () => agendaItemView(await Meetings.UpdateItem(meeting, item, input as domain.ItemInput, version)));
/** position is 1-based over the whole agenda. */
export const moveAgendaItem = (meeting: string, item: string, position: number): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.MoveItem(meeting, item, position)));
/** A hand-added item is deleted; a generated one is marked dismissed (dismiss false restores it). */
export const dismissAgendaItem = (meeting: string, item: string, dismiss: boolean): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.DismissItem(meeting, item, dismiss)));
export const addDecision = (meeting: string, item: string, text: string): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.AddDecision(meeting, item, text)));
export const removeDecision = (meeting: string, id: string): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.RemoveDecision(meeting, id)));
export const markItemReviewed = (meeting: string, item: string, reviewed: boolean): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.MarkReviewed(meeting, item, reviewed)));
/** Creates an action linked to the meeting, the item and the item's incident. */
export const createMeetingAction = (meeting: string, item: string, input: ActionInput): Promise<Meeting> =>
  call(async () => meetingView(await Meetings.CreateAction(meeting, item, input)));
/** The agenda (planned) or minutes (held) as the export writes it. */
export const meetingMarkdown = (idOrRef: string): Promise<string> => call(() => Meetings.Markdown(idOrRef));
export const meetingExportDir = (): Promise<string> => call(() => Meetings.ExportDir());
/** The native folder dialog; '' when cancelled. */
export const chooseMeetingExportDir = (): Promise<string> => call(() => Meetings.ChooseExportDir());
/** Writes MTG-…-agenda.md or -minutes.md into dir; an existing file rejects (conflict on "dir") unless force. */
export const exportMeeting = (idOrRef: string, dir: string, force: boolean): Promise<MeetingExport> =>
  call(async () => {
    const r = await Meetings.Export(idOrRef, dir, force);
    return { ...r, files: arr(r.files) } as MeetingExport;
  });

// ---- Search ----------------------------------------------------------------
// Full-text search over incidents, timeline events, causes, postmortems,
// actions and review meetings. The Go side reads the text as words (the
// last one also as a prefix, "quoted words" as a phrase; nothing typed is
// query syntax), ranks the hits and marks matched words in title and
// snippet with \x02 … \x03 (lib/search.ts splits on them). from/to are
// inclusive dates (YYYY-MM-DD) in the user's zone; a bad one rejects with
// a field error named "from" or "to".
export type SearchKind = 'incident' | 'event' | 'cause' | 'postmortem' | 'action' | 'meeting';
export type SearchHit = Omit<app.SearchHitView, 'kind' | 'at'> & { kind: SearchKind; at: number | null };
export type SearchPage = { hits: SearchHit[]; hasMore: boolean; offset: number; limit: number; tookMicros: number };
export type SearchInput = {
  text: string;
  kinds?: SearchKind[];
  severities?: string[];
  services?: string[];
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
};

export const search = (input: SearchInput): Promise<SearchPage> =>
  call(async () => {
    const p = await Search.Search({
      kinds: [],
      severities: [],
      services: [],
      from: '',
      to: '',
      limit: 0,
      offset: 0,
      ...input,
    } as app.SearchInput);
    return { ...p, hits: arr(p.hits).map((h) => ({ ...h, at: h.at ?? null }) as SearchHit) };
  });

// ---- Insights ----------------------------------------------------------------
// Month by month in the user's zone: incidents by severity, time to detect
// and resolve (median and p90, seconds), the detection lag where a metric
// snapshot has a signal, actions done on time, and the services and cause
// statements that recur. from/to are months (YYYY-MM, both inclusive), ""
// for the default (the last 12 full months and the current one); a bad one
// rejects with a field error named "from" or "to". Every monthly list has
// one entry per month; null medians and shares are months with nothing.
export type InsightsChart = 'severity' | 'detect' | 'resolve' | 'lag' | 'actions' | 'services' | 'themes';
export type InsightsRange = { from: string; to: string; services: string[] };
export type MonthCounts = domain.MonthCounts;
export type MonthStats = Omit<domain.MonthStats, 'median' | 'p90'> & { median: number | null; p90: number | null };
export type MonthShare = Omit<domain.MonthShare, 'share'> & { share: number | null };
export type Recurring = domain.Recurring;
export type InsightsFigures = {
  zone: string;
  months: string[];
  bySeverity: MonthCounts[];
  detect: MonthStats[];
  resolve: MonthStats[];
  detectionLag: MonthStats[];
  actionsOnTime: MonthShare[];
  services: Recurring[];
  themes: Recurring[];
};
export type Insights = {
  figures: InsightsFigures;
  from: string;
  to: string;
  incidents: number;
  charts: { name: InsightsChart; title: string }[];
  /** What follows the chart's name in an export's file names. */
  fileSuffix: string;
  tookMicros: number;
};
export type InsightsExport = { dir: string; files: string[] };

function figures(f: domain.Insights): InsightsFigures {
  const stats = (l: domain.MonthStats[] | null) =>
    arr(l).map((s) => ({ ...s, median: s.median ?? null, p90: s.p90 ?? null }));
  return {
    zone: f.zone,
    months: arr(f.months),
    bySeverity: arr(f.bySeverity),
    detect: stats(f.detect),
    resolve: stats(f.resolve),
    detectionLag: stats(f.detectionLag),
    actionsOnTime: arr(f.actionsOnTime).map((s) => ({ ...s, share: s.share ?? null })),
    services: arr(f.services).map((r) => ({ ...r, refs: arr(r.refs) })),
    themes: arr(f.themes).map((r) => ({ ...r, refs: arr(r.refs) })),
  };
}

export const insights = (r: InsightsRange): Promise<Insights> =>
  call(async () => {
    const v = await InsightsBound.Insights(r as app.InsightsInput);
    return { ...v, figures: figures(v.figures), charts: arr(v.charts) } as Insights;
  });
/** One chart's numbers as CSV, for the clipboard. */
export const insightsCSV = (r: InsightsRange, chart: InsightsChart): Promise<string> =>
  call(() => InsightsBound.CSV(r as app.InsightsInput, chart));
/** One page of the incidents a month's bar counts (month YYYY-MM in the
 *  user's zone, on one of services if any), worst first; a bad month
 *  rejects with a field error named "month". */
export const insightsMonthIncidents = (month: string, services: string[], limit = 50, offset = 0): Promise<IncidentPage> =>
  call(() => InsightsBound.MonthIncidents(month, services, limit, offset) as Promise<IncidentPage>);
export const insightsExportDir = (): Promise<string> => call(() => InsightsBound.ExportDir());
/** Asks for a folder; "" when the user cancels. */
export const chooseInsightsExportDir = (): Promise<string> => call(() => InsightsBound.ChooseExportDir());
/** Writes insights-<chart>-<from>-to-<to>.svg/.csv into dir; an existing file
 *  rejects (conflict on "dir") unless force, and then nothing is written. */
export const exportInsights = (
  r: InsightsRange,
  charts: InsightsChart[],
  formats: ('svg' | 'csv')[],
  dir: string,
  force: boolean,
): Promise<InsightsExport> =>
  call(async () => {
    const v = await InsightsBound.Export({ range: r, charts, formats, dir, force } as app.InsightsExportInput);
    return { dir: v.dir, files: arr(v.files) };
  });
