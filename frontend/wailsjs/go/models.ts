export namespace app {
	
	export class ActionChangeView {
	    field: string;
	    from: string;
	    to: string;
	    at: number;
	    by: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionChangeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.field = source["field"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.at = source["at"];
	        this.by = source["by"];
	    }
	}
	export class ActionView {
	    id: string;
	    ref: string;
	    title: string;
	    description: string;
	    owner: string;
	    due: string;
	    priority: string;
	    type: string;
	    status: string;
	    reason: string;
	    incidentId: string;
	    incidentRef: string;
	    incidentTitle: string;
	    causeNodeId: string;
	    link: string;
	    verification: string;
	    createdAt: number;
	    updatedAt: number;
	    closedAt?: number;
	    version: number;
	    overdue: boolean;
	    daysOverdue: number;
	    hints: domain.Hint[];
	
	    static createFrom(source: any = {}) {
	        return new ActionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.priority = source["priority"];
	        this.type = source["type"];
	        this.status = source["status"];
	        this.reason = source["reason"];
	        this.incidentId = source["incidentId"];
	        this.incidentRef = source["incidentRef"];
	        this.incidentTitle = source["incidentTitle"];
	        this.causeNodeId = source["causeNodeId"];
	        this.link = source["link"];
	        this.verification = source["verification"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.closedAt = source["closedAt"];
	        this.version = source["version"];
	        this.overdue = source["overdue"];
	        this.daysOverdue = source["daysOverdue"];
	        this.hints = this.convertValues(source["hints"], domain.Hint);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ActionPageView {
	    items: ActionView[];
	    total: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ActionPageView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], ActionView);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class DecisionView {
	    id: string;
	    text: string;
	    author: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new DecisionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.text = source["text"];
	        this.author = source["author"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class AgendaItemView {
	    id: string;
	    position: number;
	    section: string;
	    kind: string;
	    title: string;
	    body: string;
	    bodyHtml: string;
	    incidentId: string;
	    incidentRef: string;
	    actionId: string;
	    actionRef: string;
	    postmortemId: string;
	    data: string;
	    manual: boolean;
	    dismissed: boolean;
	    notes: string;
	    reviewed: boolean;
	    reviewedAt?: number;
	    decisions: DecisionView[];
	    actions: string[];
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new AgendaItemView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.position = source["position"];
	        this.section = source["section"];
	        this.kind = source["kind"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.bodyHtml = source["bodyHtml"];
	        this.incidentId = source["incidentId"];
	        this.incidentRef = source["incidentRef"];
	        this.actionId = source["actionId"];
	        this.actionRef = source["actionRef"];
	        this.postmortemId = source["postmortemId"];
	        this.data = source["data"];
	        this.manual = source["manual"];
	        this.dismissed = source["dismissed"];
	        this.notes = source["notes"];
	        this.reviewed = source["reviewed"];
	        this.reviewedAt = source["reviewedAt"];
	        this.decisions = this.convertValues(source["decisions"], DecisionView);
	        this.actions = source["actions"];
	        this.version = source["version"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class AlertView {
	    key: string;
	    name: string;
	    labels: Record<string, string>;
	    firingAt: number;
	    resolvedAt: number;
	    inTimeline: boolean;
	
	    static createFrom(source: any = {}) {
	        return new AlertView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.name = source["name"];
	        this.labels = source["labels"];
	        this.firingAt = source["firingAt"];
	        this.resolvedAt = source["resolvedAt"];
	        this.inTimeline = source["inTimeline"];
	    }
	}
	export class EvidenceView {
	    id: string;
	    kind: string;
	    eventId: string;
	    url: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new EvidenceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.kind = source["kind"];
	        this.eventId = source["eventId"];
	        this.url = source["url"];
	        this.note = source["note"];
	    }
	}
	export class CauseNodeView {
	    id: string;
	    parentId: string;
	    position: number;
	    depth: number;
	    kind: string;
	    statement: string;
	    notes: string;
	    version: number;
	    updatedAt: number;
	    evidence: EvidenceView[];
	    actions: domain.CauseNodeAction[];
	
	    static createFrom(source: any = {}) {
	        return new CauseNodeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.parentId = source["parentId"];
	        this.position = source["position"];
	        this.depth = source["depth"];
	        this.kind = source["kind"];
	        this.statement = source["statement"];
	        this.notes = source["notes"];
	        this.version = source["version"];
	        this.updatedAt = source["updatedAt"];
	        this.evidence = this.convertValues(source["evidence"], EvidenceView);
	        this.actions = this.convertValues(source["actions"], domain.CauseNodeAction);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class CauseTreeView {
	    nodes: CauseNodeView[];
	    flags: domain.Flag[];
	
	    static createFrom(source: any = {}) {
	        return new CauseTreeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodes = this.convertValues(source["nodes"], CauseNodeView);
	        this.flags = this.convertValues(source["flags"], domain.Flag);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ChartSeriesView {
	    key: string;
	    label: string;
	    y: number[];
	    stats: metrics.FiniteStats;
	
	    static createFrom(source: any = {}) {
	        return new ChartSeriesView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.y = source["y"];
	        this.stats = this.convertValues(source["stats"], metrics.FiniteStats);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EventTickView {
	    id: string;
	    at: number;
	    kind: string;
	    text: string;
	
	    static createFrom(source: any = {}) {
	        return new EventTickView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.at = source["at"];
	        this.kind = source["kind"];
	        this.text = source["text"];
	    }
	}
	export class MarkerView {
	    moment: string;
	    at: number;
	
	    static createFrom(source: any = {}) {
	        return new MarkerView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.moment = source["moment"];
	        this.at = source["at"];
	    }
	}
	export class ChartView {
	    fromMs: number;
	    toMs: number;
	    stepMs: number;
	    x: number[];
	    series: ChartSeriesView[];
	    markers: MarkerView[];
	    events: EventTickView[];
	    windowStartMs: number;
	    windowEndMs: number;
	
	    static createFrom(source: any = {}) {
	        return new ChartView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.fromMs = source["fromMs"];
	        this.toMs = source["toMs"];
	        this.stepMs = source["stepMs"];
	        this.x = source["x"];
	        this.series = this.convertValues(source["series"], ChartSeriesView);
	        this.markers = this.convertValues(source["markers"], MarkerView);
	        this.events = this.convertValues(source["events"], EventTickView);
	        this.windowStartMs = source["windowStartMs"];
	        this.windowEndMs = source["windowEndMs"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class DetectionLagView {
	    snapshotId: string;
	    title: string;
	    seriesKey: string;
	    method: string;
	    visibleAt: number;
	    detectedAt: number;
	    lagMs: number;
	    sentence: string;
	
	    static createFrom(source: any = {}) {
	        return new DetectionLagView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.snapshotId = source["snapshotId"];
	        this.title = source["title"];
	        this.seriesKey = source["seriesKey"];
	        this.method = source["method"];
	        this.visibleAt = source["visibleAt"];
	        this.detectedAt = source["detectedAt"];
	        this.lagMs = source["lagMs"];
	        this.sentence = source["sentence"];
	    }
	}
	export class DocPreviewView {
	    html: string;
	    problems: postmortem.Problem[];
	    hints: postmortem.Hint[];
	    micros: number;
	
	    static createFrom(source: any = {}) {
	        return new DocPreviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.html = source["html"];
	        this.problems = this.convertValues(source["problems"], postmortem.Problem);
	        this.hints = this.convertValues(source["hints"], postmortem.Hint);
	        this.micros = source["micros"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class EventView {
	    id: string;
	    incidentId: string;
	    at: number;
	    kind: string;
	    author: string;
	    body: string;
	    source: string;
	    sourceFormat: string;
	    tags: string[];
	    keyMoment: string;
	    updatedAt: number;
	
	    static createFrom(source: any = {}) {
	        return new EventView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.incidentId = source["incidentId"];
	        this.at = source["at"];
	        this.kind = source["kind"];
	        this.author = source["author"];
	        this.body = source["body"];
	        this.source = source["source"];
	        this.sourceFormat = source["sourceFormat"];
	        this.tags = source["tags"];
	        this.keyMoment = source["keyMoment"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class EventPageView {
	    items: EventView[];
	    total: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new EventPageView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], EventView);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	
	
	export class ExportView {
	    path: string;
	    count: number;
	
	    static createFrom(source: any = {}) {
	        return new ExportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.count = source["count"];
	    }
	}
	export class ImportFileView {
	    path: string;
	    name: string;
	    size: number;
	    folder: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ImportFileView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.path = source["path"];
	        this.name = source["name"];
	        this.size = source["size"];
	        this.folder = source["folder"];
	    }
	}
	export class ImportRequest {
	    text: string;
	    path: string;
	    incident: string;
	    format: string;
	    zone: string;
	    date: string;
	    join: number[];
	    skip: number[];
	
	    static createFrom(source: any = {}) {
	        return new ImportRequest(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.path = source["path"];
	        this.incident = source["incident"];
	        this.format = source["format"];
	        this.zone = source["zone"];
	        this.date = source["date"];
	        this.join = source["join"];
	        this.skip = source["skip"];
	    }
	}
	export class IncidentView {
	    id: string;
	    ref: string;
	    number: number;
	    title: string;
	    summary: string;
	    severity: string;
	    status: string;
	    services: string[];
	    tags: string[];
	    commander: string;
	    customerImpact: string;
	    startedAt?: number;
	    detectedAt?: number;
	    mitigatedAt?: number;
	    resolvedAt?: number;
	    timeToDetectMs?: number;
	    timeToMitigateMs?: number;
	    timeToResolveMs?: number;
	    createdAt: number;
	    updatedAt: number;
	    deletedAt?: number;
	    version: number;
	    nextStatuses: string[];
	
	    static createFrom(source: any = {}) {
	        return new IncidentView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.number = source["number"];
	        this.title = source["title"];
	        this.summary = source["summary"];
	        this.severity = source["severity"];
	        this.status = source["status"];
	        this.services = source["services"];
	        this.tags = source["tags"];
	        this.commander = source["commander"];
	        this.customerImpact = source["customerImpact"];
	        this.startedAt = source["startedAt"];
	        this.detectedAt = source["detectedAt"];
	        this.mitigatedAt = source["mitigatedAt"];
	        this.resolvedAt = source["resolvedAt"];
	        this.timeToDetectMs = source["timeToDetectMs"];
	        this.timeToMitigateMs = source["timeToMitigateMs"];
	        this.timeToResolveMs = source["timeToResolveMs"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.deletedAt = source["deletedAt"];
	        this.version = source["version"];
	        this.nextStatuses = source["nextStatuses"];
	    }
	}
	export class IncidentPageView {
	    items: IncidentView[];
	    total: number;
	    offset: number;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new IncidentPageView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], IncidentView);
	        this.total = source["total"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class InsightsChartView {
	    name: string;
	    title: string;
	
	    static createFrom(source: any = {}) {
	        return new InsightsChartView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.title = source["title"];
	    }
	}
	export class InsightsInput {
	    from: string;
	    to: string;
	    services: string[];
	
	    static createFrom(source: any = {}) {
	        return new InsightsInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.services = source["services"];
	    }
	}
	export class InsightsExportInput {
	    range: InsightsInput;
	    charts: string[];
	    formats: string[];
	    dir: string;
	    force: boolean;
	
	    static createFrom(source: any = {}) {
	        return new InsightsExportInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.range = this.convertValues(source["range"], InsightsInput);
	        this.charts = source["charts"];
	        this.formats = source["formats"];
	        this.dir = source["dir"];
	        this.force = source["force"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class InsightsExportView {
	    dir: string;
	    files: string[];
	
	    static createFrom(source: any = {}) {
	        return new InsightsExportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.files = source["files"];
	    }
	}
	
	export class InsightsView {
	    figures: domain.Insights;
	    from: string;
	    to: string;
	    incidents: number;
	    charts: InsightsChartView[];
	    fileSuffix: string;
	    tookMicros: number;
	
	    static createFrom(source: any = {}) {
	        return new InsightsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.figures = this.convertValues(source["figures"], domain.Insights);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.incidents = source["incidents"];
	        this.charts = this.convertValues(source["charts"], InsightsChartView);
	        this.fileSuffix = source["fileSuffix"];
	        this.tookMicros = source["tookMicros"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class MeetingExportView {
	    dir: string;
	    files: string[];
	
	    static createFrom(source: any = {}) {
	        return new MeetingExportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.files = source["files"];
	    }
	}
	export class MeetingRowView {
	    id: string;
	    ref: string;
	    seriesId: string;
	    seriesName: string;
	    cadence: string;
	    zone: string;
	    title: string;
	    at: number;
	    periodStart: number;
	    periodEnd: number;
	    facilitator: string;
	    attendees: string[];
	    status: string;
	    heldAt?: number;
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new MeetingRowView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.seriesId = source["seriesId"];
	        this.seriesName = source["seriesName"];
	        this.cadence = source["cadence"];
	        this.zone = source["zone"];
	        this.title = source["title"];
	        this.at = source["at"];
	        this.periodStart = source["periodStart"];
	        this.periodEnd = source["periodEnd"];
	        this.facilitator = source["facilitator"];
	        this.attendees = source["attendees"];
	        this.status = source["status"];
	        this.heldAt = source["heldAt"];
	        this.version = source["version"];
	    }
	}
	export class MeetingSeriesView {
	    id: string;
	    name: string;
	    cadence: string;
	    zone: string;
	    facilitator: string;
	    attendees: string[];
	    version: number;
	
	    static createFrom(source: any = {}) {
	        return new MeetingSeriesView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.cadence = source["cadence"];
	        this.zone = source["zone"];
	        this.facilitator = source["facilitator"];
	        this.attendees = source["attendees"];
	        this.version = source["version"];
	    }
	}
	export class MeetingView {
	    id: string;
	    ref: string;
	    seriesId: string;
	    seriesName: string;
	    cadence: string;
	    zone: string;
	    title: string;
	    at: number;
	    periodStart: number;
	    periodEnd: number;
	    facilitator: string;
	    attendees: string[];
	    status: string;
	    heldAt?: number;
	    version: number;
	    notes: string;
	    fileName: string;
	    sections: domain.AgendaSectionInfo[];
	    items: AgendaItemView[];
	    actions: ActionView[];
	
	    static createFrom(source: any = {}) {
	        return new MeetingView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.seriesId = source["seriesId"];
	        this.seriesName = source["seriesName"];
	        this.cadence = source["cadence"];
	        this.zone = source["zone"];
	        this.title = source["title"];
	        this.at = source["at"];
	        this.periodStart = source["periodStart"];
	        this.periodEnd = source["periodEnd"];
	        this.facilitator = source["facilitator"];
	        this.attendees = source["attendees"];
	        this.status = source["status"];
	        this.heldAt = source["heldAt"];
	        this.version = source["version"];
	        this.notes = source["notes"];
	        this.fileName = source["fileName"];
	        this.sections = this.convertValues(source["sections"], domain.AgendaSectionInfo);
	        this.items = this.convertValues(source["items"], AgendaItemView);
	        this.actions = this.convertValues(source["actions"], ActionView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class MetaView {
	    version: string;
	    dbPath: string;
	    logPath: string;
	    systemZone: string;
	    severities: domain.SeverityInfo[];
	    statuses: domain.StatusInfo[];
	    sortKeys: string[];
	    eventKinds: domain.EventKindInfo[];
	    priorities: domain.PriorityInfo[];
	    actionTypes: domain.ActionTypeInfo[];
	    actionStatuses: domain.ActionStatusInfo[];
	    actionSortKeys: string[];
	    causeKinds: domain.CauseKindInfo[];
	    startupError: string;
	
	    static createFrom(source: any = {}) {
	        return new MetaView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.version = source["version"];
	        this.dbPath = source["dbPath"];
	        this.logPath = source["logPath"];
	        this.systemZone = source["systemZone"];
	        this.severities = this.convertValues(source["severities"], domain.SeverityInfo);
	        this.statuses = this.convertValues(source["statuses"], domain.StatusInfo);
	        this.sortKeys = source["sortKeys"];
	        this.eventKinds = this.convertValues(source["eventKinds"], domain.EventKindInfo);
	        this.priorities = this.convertValues(source["priorities"], domain.PriorityInfo);
	        this.actionTypes = this.convertValues(source["actionTypes"], domain.ActionTypeInfo);
	        this.actionStatuses = this.convertValues(source["actionStatuses"], domain.ActionStatusInfo);
	        this.actionSortKeys = source["actionSortKeys"];
	        this.causeKinds = this.convertValues(source["causeKinds"], domain.CauseKindInfo);
	        this.startupError = source["startupError"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class OutlinePreviewView {
	    nodes: number;
	    trees: number;
	    depth: number;
	
	    static createFrom(source: any = {}) {
	        return new OutlinePreviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodes = source["nodes"];
	        this.trees = source["trees"];
	        this.depth = source["depth"];
	    }
	}
	export class PeriodView {
	    from: string;
	    to: string;
	    zone: string;
	
	    static createFrom(source: any = {}) {
	        return new PeriodView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.zone = source["zone"];
	    }
	}
	export class PlanView {
	    startMs: number;
	    endMs: number;
	    stepMs: number;
	    points: number;
	    zone: string;
	
	    static createFrom(source: any = {}) {
	        return new PlanView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.startMs = source["startMs"];
	        this.endMs = source["endMs"];
	        this.stepMs = source["stepMs"];
	        this.points = source["points"];
	        this.zone = source["zone"];
	    }
	}
	export class PostmortemEventView {
	    from: string;
	    to: string;
	    actor: string;
	    comment: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new PostmortemEventView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.actor = source["actor"];
	        this.comment = source["comment"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class PostmortemExportView {
	    dir: string;
	    files: string[];
	    problems: postmortem.Problem[];
	
	    static createFrom(source: any = {}) {
	        return new PostmortemExportView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.dir = source["dir"];
	        this.files = source["files"];
	        this.problems = this.convertValues(source["problems"], postmortem.Problem);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class PostmortemSummaryView {
	    id: string;
	    incidentRef: string;
	    incidentTitle: string;
	    severity: string;
	    title: string;
	    status: string;
	    statusLabel: string;
	    authors: string[];
	    reviewers: string[];
	    dueDate: string;
	    overdue: boolean;
	    updatedAt: number;
	
	    static createFrom(source: any = {}) {
	        return new PostmortemSummaryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.incidentRef = source["incidentRef"];
	        this.incidentTitle = source["incidentTitle"];
	        this.severity = source["severity"];
	        this.title = source["title"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.authors = source["authors"];
	        this.reviewers = source["reviewers"];
	        this.dueDate = source["dueDate"];
	        this.overdue = source["overdue"];
	        this.updatedAt = source["updatedAt"];
	    }
	}
	export class PostmortemPageView {
	    items: PostmortemSummaryView[];
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new PostmortemPageView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], PostmortemSummaryView);
	        this.total = source["total"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TemplateView {
	    name: string;
	    title: string;
	    description: string;
	    body: string;
	    builtIn: boolean;
	
	    static createFrom(source: any = {}) {
	        return new TemplateView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.title = source["title"];
	        this.description = source["description"];
	        this.body = source["body"];
	        this.builtIn = source["builtIn"];
	    }
	}
	export class PostmortemSettingsView {
	    templates: TemplateView[];
	    phrases: string;
	    phrasesCustom: boolean;
	    reviewDue: Record<string, string>;
	
	    static createFrom(source: any = {}) {
	        return new PostmortemSettingsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.templates = this.convertValues(source["templates"], TemplateView);
	        this.phrases = source["phrases"];
	        this.phrasesCustom = source["phrasesCustom"];
	        this.reviewDue = source["reviewDue"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class PostmortemView {
	    id: string;
	    incidentId: string;
	    incidentRef: string;
	    template: string;
	    title: string;
	    body: string;
	    status: string;
	    statusLabel: string;
	    authors: string[];
	    reviewers: string[];
	    round: number;
	    createdAt: number;
	    updatedAt: number;
	    publishedAt: number;
	    version: number;
	    dueDate: string;
	    overdue: boolean;
	    next: string[];
	
	    static createFrom(source: any = {}) {
	        return new PostmortemView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.incidentId = source["incidentId"];
	        this.incidentRef = source["incidentRef"];
	        this.template = source["template"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.status = source["status"];
	        this.statusLabel = source["statusLabel"];
	        this.authors = source["authors"];
	        this.reviewers = source["reviewers"];
	        this.round = source["round"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.publishedAt = source["publishedAt"];
	        this.version = source["version"];
	        this.dueDate = source["dueDate"];
	        this.overdue = source["overdue"];
	        this.next = source["next"];
	    }
	}
	export class PreviewEventView {
	    line: number;
	    at: number;
	    kind: string;
	    author: string;
	    body: string;
	    keyMoment: string;
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new PreviewEventView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.at = source["at"];
	        this.kind = source["kind"];
	        this.author = source["author"];
	        this.body = source["body"];
	        this.keyMoment = source["keyMoment"];
	        this.warnings = source["warnings"];
	    }
	}
	export class ProblemView {
	    line: number;
	    text: string;
	    reason: string;
	    pending: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ProblemView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.text = source["text"];
	        this.reason = source["reason"];
	        this.pending = source["pending"];
	    }
	}
	export class PreviewView {
	    format: string;
	    events: PreviewEventView[];
	    totalEvents: number;
	    problems: ProblemView[];
	    totalProblems: number;
	    pending: number;
	    warnings: string[];
	
	    static createFrom(source: any = {}) {
	        return new PreviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.format = source["format"];
	        this.events = this.convertValues(source["events"], PreviewEventView);
	        this.totalEvents = source["totalEvents"];
	        this.problems = this.convertValues(source["problems"], ProblemView);
	        this.totalProblems = source["totalProblems"];
	        this.pending = source["pending"];
	        this.warnings = source["warnings"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class ReviewView {
	    round: number;
	    reviewer: string;
	    verdict: string;
	    comment: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new ReviewView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.round = source["round"];
	        this.reviewer = source["reviewer"];
	        this.verdict = source["verdict"];
	        this.comment = source["comment"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class RevisionView {
	    number: number;
	    title: string;
	    body: string;
	    size: number;
	    author: string;
	    note: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new RevisionView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.number = source["number"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.size = source["size"];
	        this.author = source["author"];
	        this.note = source["note"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class SavedQueryView {
	    id: string;
	    service: string;
	    name: string;
	    sourceId: string;
	    query: string;
	    unit: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new SavedQueryView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.service = source["service"];
	        this.name = source["name"];
	        this.sourceId = source["sourceId"];
	        this.query = source["query"];
	        this.unit = source["unit"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class SearchHitView {
	    kind: string;
	    id: string;
	    itemId: string;
	    ref: string;
	    incidentRef: string;
	    title: string;
	    snippet: string;
	    at?: number;
	    severity: string;
	
	    static createFrom(source: any = {}) {
	        return new SearchHitView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.id = source["id"];
	        this.itemId = source["itemId"];
	        this.ref = source["ref"];
	        this.incidentRef = source["incidentRef"];
	        this.title = source["title"];
	        this.snippet = source["snippet"];
	        this.at = source["at"];
	        this.severity = source["severity"];
	    }
	}
	export class SearchInput {
	    text: string;
	    kinds: string[];
	    severities: string[];
	    services: string[];
	    from: string;
	    to: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.text = source["text"];
	        this.kinds = source["kinds"];
	        this.severities = source["severities"];
	        this.services = source["services"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class SearchPageView {
	    hits: SearchHitView[];
	    hasMore: boolean;
	    offset: number;
	    limit: number;
	    tookMicros: number;
	
	    static createFrom(source: any = {}) {
	        return new SearchPageView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hits = this.convertValues(source["hits"], SearchHitView);
	        this.hasMore = source["hasMore"];
	        this.offset = source["offset"];
	        this.limit = source["limit"];
	        this.tookMicros = source["tookMicros"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SeriesView {
	    key: string;
	    label: string;
	    labels: Record<string, string>;
	    stats: metrics.FiniteStats;
	
	    static createFrom(source: any = {}) {
	        return new SeriesView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.key = source["key"];
	        this.label = source["label"];
	        this.labels = source["labels"];
	        this.stats = this.convertValues(source["stats"], metrics.FiniteStats);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SettingsView {
	    theme: string;
	    zone: string;
	    userName: string;
	    actionDue: number[];
	
	    static createFrom(source: any = {}) {
	        return new SettingsView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.theme = source["theme"];
	        this.zone = source["zone"];
	        this.userName = source["userName"];
	        this.actionDue = source["actionDue"];
	    }
	}
	export class SignalView {
	    seriesKey: string;
	    threshold?: number;
	    below: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SignalView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.seriesKey = source["seriesKey"];
	        this.threshold = source["threshold"];
	        this.below = source["below"];
	    }
	}
	export class SimilarReasonView {
	    kind: string;
	    text: string;
	    items: string[];
	
	    static createFrom(source: any = {}) {
	        return new SimilarReasonView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.text = source["text"];
	        this.items = source["items"];
	    }
	}
	export class SimilarIncidentView {
	    id: string;
	    ref: string;
	    title: string;
	    severity: string;
	    status: string;
	    startedAt: number;
	    score: number;
	    reasons: SimilarReasonView[];
	
	    static createFrom(source: any = {}) {
	        return new SimilarIncidentView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.title = source["title"];
	        this.severity = source["severity"];
	        this.status = source["status"];
	        this.startedAt = source["startedAt"];
	        this.score = source["score"];
	        this.reasons = this.convertValues(source["reasons"], SimilarReasonView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class SnapshotInputView {
	    incident: string;
	    source: string;
	    query: string;
	    title: string;
	    start: string;
	    end: string;
	    step: string;
	    zone: string;
	
	    static createFrom(source: any = {}) {
	        return new SnapshotInputView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.incident = source["incident"];
	        this.source = source["source"];
	        this.query = source["query"];
	        this.title = source["title"];
	        this.start = source["start"];
	        this.end = source["end"];
	        this.step = source["step"];
	        this.zone = source["zone"];
	    }
	}
	export class SnapshotView {
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
	    signal: SignalView;
	    series: SeriesView[];
	
	    static createFrom(source: any = {}) {
	        return new SnapshotView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.groupId = source["groupId"];
	        this.version = source["version"];
	        this.versions = source["versions"];
	        this.incidentId = source["incidentId"];
	        this.sourceId = source["sourceId"];
	        this.sourceName = source["sourceName"];
	        this.sourceKind = source["sourceKind"];
	        this.title = source["title"];
	        this.query = source["query"];
	        this.startMs = source["startMs"];
	        this.endMs = source["endMs"];
	        this.stepMs = source["stepMs"];
	        this.fetchedAt = source["fetchedAt"];
	        this.hash = source["hash"];
	        this.seriesCount = source["seriesCount"];
	        this.pointCount = source["pointCount"];
	        this.signal = this.convertValues(source["signal"], SignalView);
	        this.series = this.convertValues(source["series"], SeriesView);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class SourceView {
	    id: string;
	    name: string;
	    kind: string;
	    url: string;
	    auth: string;
	    username: string;
	    secretEnv: string;
	    caFile: string;
	    skipVerify: boolean;
	    timeoutSeconds: number;
	    createdAt: number;
	    updatedAt: number;
	    secretWhere: string;
	    hasSecret: boolean;
	
	    static createFrom(source: any = {}) {
	        return new SourceView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.url = source["url"];
	        this.auth = source["auth"];
	        this.username = source["username"];
	        this.secretEnv = source["secretEnv"];
	        this.caFile = source["caFile"];
	        this.skipVerify = source["skipVerify"];
	        this.timeoutSeconds = source["timeoutSeconds"];
	        this.createdAt = source["createdAt"];
	        this.updatedAt = source["updatedAt"];
	        this.secretWhere = source["secretWhere"];
	        this.hasSecret = source["hasSecret"];
	    }
	}
	export class StatusChangeView {
	    from: string;
	    to: string;
	    at: number;
	    by: string;
	    reopen: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StatusChangeView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.from = source["from"];
	        this.to = source["to"];
	        this.at = source["at"];
	        this.by = source["by"];
	        this.reopen = source["reopen"];
	    }
	}
	export class Suggestions {
	    services: string[];
	    tags: string[];
	    people: string[];
	
	    static createFrom(source: any = {}) {
	        return new Suggestions(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.services = source["services"];
	        this.tags = source["tags"];
	        this.people = source["people"];
	    }
	}
	export class SyncView {
	    added: number;
	    unchanged: number;
	
	    static createFrom(source: any = {}) {
	        return new SyncView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.added = source["added"];
	        this.unchanged = source["unchanged"];
	    }
	}
	
	export class TestResultView {
	    ok: boolean;
	    message: string;
	    version: string;
	    elapsedMs: number;
	
	    static createFrom(source: any = {}) {
	        return new TestResultView(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.ok = source["ok"];
	        this.message = source["message"];
	        this.version = source["version"];
	        this.elapsedMs = source["elapsedMs"];
	    }
	}

}

export namespace domain {
	
	export class ActionCounts {
	    open: number;
	    overdue: number;
	
	    static createFrom(source: any = {}) {
	        return new ActionCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.open = source["open"];
	        this.overdue = source["overdue"];
	    }
	}
	export class ActionFilter {
	    query: string;
	    owner: string;
	    unowned: boolean;
	    statuses: string[];
	    priorities: string[];
	    types: string[];
	    services: string[];
	    incident: string;
	    overdue: boolean;
	    dueThisWeek: boolean;
	    zone: string;
	    sort: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new ActionFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.owner = source["owner"];
	        this.unowned = source["unowned"];
	        this.statuses = source["statuses"];
	        this.priorities = source["priorities"];
	        this.types = source["types"];
	        this.services = source["services"];
	        this.incident = source["incident"];
	        this.overdue = source["overdue"];
	        this.dueThisWeek = source["dueThisWeek"];
	        this.zone = source["zone"];
	        this.sort = source["sort"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class ActionInput {
	    title: string;
	    description: string;
	    owner: string;
	    due: string;
	    priority: string;
	    type: string;
	    status: string;
	    reason: string;
	    incident: string;
	    link: string;
	    verification: string;
	    causeNodeId: string;
	    meetingId: string;
	    agendaItemId: string;
	    zone: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.description = source["description"];
	        this.owner = source["owner"];
	        this.due = source["due"];
	        this.priority = source["priority"];
	        this.type = source["type"];
	        this.status = source["status"];
	        this.reason = source["reason"];
	        this.incident = source["incident"];
	        this.link = source["link"];
	        this.verification = source["verification"];
	        this.causeNodeId = source["causeNodeId"];
	        this.meetingId = source["meetingId"];
	        this.agendaItemId = source["agendaItemId"];
	        this.zone = source["zone"];
	    }
	}
	export class ActionPatch {
	    owner?: string;
	    status?: string;
	    reason?: string;
	    due?: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.owner = source["owner"];
	        this.status = source["status"];
	        this.reason = source["reason"];
	        this.due = source["due"];
	    }
	}
	export class ActionStatusInfo {
	    name: string;
	    label: string;
	    closed: boolean;
	
	    static createFrom(source: any = {}) {
	        return new ActionStatusInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.closed = source["closed"];
	    }
	}
	export class ActionTypeInfo {
	    name: string;
	    label: string;
	    meaning: string;
	
	    static createFrom(source: any = {}) {
	        return new ActionTypeInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.meaning = source["meaning"];
	    }
	}
	export class AgendaSectionInfo {
	    name: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new AgendaSectionInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	    }
	}
	export class CauseInput {
	    parentId: string;
	    after: string;
	    position?: number;
	    kind: string;
	    statement: string;
	    notes: string;
	
	    static createFrom(source: any = {}) {
	        return new CauseInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.parentId = source["parentId"];
	        this.after = source["after"];
	        this.position = source["position"];
	        this.kind = source["kind"];
	        this.statement = source["statement"];
	        this.notes = source["notes"];
	    }
	}
	export class CauseKindInfo {
	    name: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new CauseKindInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	    }
	}
	export class CauseNodeAction {
	    id: string;
	    ref: string;
	    title: string;
	    status: string;
	
	    static createFrom(source: any = {}) {
	        return new CauseNodeAction(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.ref = source["ref"];
	        this.title = source["title"];
	        this.status = source["status"];
	    }
	}
	export class EventFilter {
	    kinds: string[];
	    author: string;
	    query: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new EventFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kinds = source["kinds"];
	        this.author = source["author"];
	        this.query = source["query"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class EventInput {
	    at: string;
	    zone: string;
	    kind: string;
	    author: string;
	    body: string;
	    tags: string[];
	    keyMoment: string;
	
	    static createFrom(source: any = {}) {
	        return new EventInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.at = source["at"];
	        this.zone = source["zone"];
	        this.kind = source["kind"];
	        this.author = source["author"];
	        this.body = source["body"];
	        this.tags = source["tags"];
	        this.keyMoment = source["keyMoment"];
	    }
	}
	export class EventKindInfo {
	    name: string;
	    label: string;
	
	    static createFrom(source: any = {}) {
	        return new EventKindInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	    }
	}
	export class EvidenceInput {
	    kind: string;
	    eventId: string;
	    url: string;
	    note: string;
	
	    static createFrom(source: any = {}) {
	        return new EvidenceInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.kind = source["kind"];
	        this.eventId = source["eventId"];
	        this.url = source["url"];
	        this.note = source["note"];
	    }
	}
	export class Flag {
	    nodeId: string;
	    kind: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Flag(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.nodeId = source["nodeId"];
	        this.kind = source["kind"];
	        this.message = source["message"];
	    }
	}
	export class Hint {
	    code: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Hint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.message = source["message"];
	    }
	}
	export class ImportResult {
	    added: number;
	    duplicates: number;
	
	    static createFrom(source: any = {}) {
	        return new ImportResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.added = source["added"];
	        this.duplicates = source["duplicates"];
	    }
	}
	export class IncidentCounts {
	    total: number;
	    active: number;
	    trashed: number;
	
	    static createFrom(source: any = {}) {
	        return new IncidentCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.active = source["active"];
	        this.trashed = source["trashed"];
	    }
	}
	export class IncidentFilter {
	    query: string;
	    statuses: string[];
	    severities: string[];
	    services: string[];
	    trashed: boolean;
	    sort: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new IncidentFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.query = source["query"];
	        this.statuses = source["statuses"];
	        this.severities = source["severities"];
	        this.services = source["services"];
	        this.trashed = source["trashed"];
	        this.sort = source["sort"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class IncidentInput {
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
	
	    static createFrom(source: any = {}) {
	        return new IncidentInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.summary = source["summary"];
	        this.severity = source["severity"];
	        this.status = source["status"];
	        this.services = source["services"];
	        this.tags = source["tags"];
	        this.commander = source["commander"];
	        this.customerImpact = source["customerImpact"];
	        this.startedAt = source["startedAt"];
	        this.detectedAt = source["detectedAt"];
	        this.mitigatedAt = source["mitigatedAt"];
	        this.resolvedAt = source["resolvedAt"];
	        this.zone = source["zone"];
	    }
	}
	export class Recurring {
	    name: string;
	    incidents: number;
	    refs: string[];
	
	    static createFrom(source: any = {}) {
	        return new Recurring(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.incidents = source["incidents"];
	        this.refs = source["refs"];
	    }
	}
	export class MonthShare {
	    month: string;
	    due: number;
	    onTime: number;
	    share?: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthShare(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.due = source["due"];
	        this.onTime = source["onTime"];
	        this.share = source["share"];
	    }
	}
	export class MonthStats {
	    month: string;
	    n: number;
	    median?: number;
	    p90?: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthStats(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.n = source["n"];
	        this.median = source["median"];
	        this.p90 = source["p90"];
	    }
	}
	export class MonthCounts {
	    month: string;
	    sev1: number;
	    sev2: number;
	    sev3: number;
	    sev4: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new MonthCounts(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.month = source["month"];
	        this.sev1 = source["sev1"];
	        this.sev2 = source["sev2"];
	        this.sev3 = source["sev3"];
	        this.sev4 = source["sev4"];
	        this.total = source["total"];
	    }
	}
	export class Insights {
	    zone: string;
	    months: string[];
	    bySeverity: MonthCounts[];
	    detect: MonthStats[];
	    resolve: MonthStats[];
	    detectionLag: MonthStats[];
	    actionsOnTime: MonthShare[];
	    services: Recurring[];
	    themes: Recurring[];
	
	    static createFrom(source: any = {}) {
	        return new Insights(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.zone = source["zone"];
	        this.months = source["months"];
	        this.bySeverity = this.convertValues(source["bySeverity"], MonthCounts);
	        this.detect = this.convertValues(source["detect"], MonthStats);
	        this.resolve = this.convertValues(source["resolve"], MonthStats);
	        this.detectionLag = this.convertValues(source["detectionLag"], MonthStats);
	        this.actionsOnTime = this.convertValues(source["actionsOnTime"], MonthShare);
	        this.services = this.convertValues(source["services"], Recurring);
	        this.themes = this.convertValues(source["themes"], Recurring);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ItemInput {
	    section: string;
	    title?: string;
	    body?: string;
	    notes?: string;
	
	    static createFrom(source: any = {}) {
	        return new ItemInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.section = source["section"];
	        this.title = source["title"];
	        this.body = source["body"];
	        this.notes = source["notes"];
	    }
	}
	export class MeetingEdit {
	    title?: string;
	    facilitator?: string;
	    attendees: string[];
	    notes?: string;
	
	    static createFrom(source: any = {}) {
	        return new MeetingEdit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.facilitator = source["facilitator"];
	        this.attendees = source["attendees"];
	        this.notes = source["notes"];
	    }
	}
	export class MeetingInput {
	    series: string;
	    title: string;
	    date: string;
	    time: string;
	    from: string;
	    to: string;
	    facilitator: string;
	    attendees: string[];
	
	    static createFrom(source: any = {}) {
	        return new MeetingInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.series = source["series"];
	        this.title = source["title"];
	        this.date = source["date"];
	        this.time = source["time"];
	        this.from = source["from"];
	        this.to = source["to"];
	        this.facilitator = source["facilitator"];
	        this.attendees = source["attendees"];
	    }
	}
	
	
	
	export class PostmortemEdit {
	    title: string;
	    body: string;
	    authors: string[];
	    note: string;
	    revision: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PostmortemEdit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.body = source["body"];
	        this.authors = source["authors"];
	        this.note = source["note"];
	        this.revision = source["revision"];
	    }
	}
	export class PostmortemFilter {
	    statuses: string[];
	    reviewOverdue: boolean;
	    zone: string;
	    limit: number;
	    offset: number;
	
	    static createFrom(source: any = {}) {
	        return new PostmortemFilter(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.statuses = source["statuses"];
	        this.reviewOverdue = source["reviewOverdue"];
	        this.zone = source["zone"];
	        this.limit = source["limit"];
	        this.offset = source["offset"];
	    }
	}
	export class PriorityInfo {
	    name: string;
	    label: string;
	    defaultDueDays: number;
	    settingKey: string;
	
	    static createFrom(source: any = {}) {
	        return new PriorityInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.defaultDueDays = source["defaultDueDays"];
	        this.settingKey = source["settingKey"];
	    }
	}
	
	export class SavedQueryInput {
	    service: string;
	    name: string;
	    sourceId: string;
	    query: string;
	    unit: string;
	
	    static createFrom(source: any = {}) {
	        return new SavedQueryInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.service = source["service"];
	        this.name = source["name"];
	        this.sourceId = source["sourceId"];
	        this.query = source["query"];
	        this.unit = source["unit"];
	    }
	}
	export class SeriesInput {
	    name: string;
	    cadence: string;
	    zone: string;
	    facilitator: string;
	    attendees: string[];
	
	    static createFrom(source: any = {}) {
	        return new SeriesInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.cadence = source["cadence"];
	        this.zone = source["zone"];
	        this.facilitator = source["facilitator"];
	        this.attendees = source["attendees"];
	    }
	}
	export class SeverityInfo {
	    name: string;
	    label: string;
	    meaning: string;
	
	    static createFrom(source: any = {}) {
	        return new SeverityInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.meaning = source["meaning"];
	    }
	}
	export class SourceInput {
	    name: string;
	    kind: string;
	    url: string;
	    auth: string;
	    username: string;
	    secretEnv: string;
	    caFile: string;
	    skipVerify: boolean;
	    timeoutSeconds: number;
	
	    static createFrom(source: any = {}) {
	        return new SourceInput(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.kind = source["kind"];
	        this.url = source["url"];
	        this.auth = source["auth"];
	        this.username = source["username"];
	        this.secretEnv = source["secretEnv"];
	        this.caFile = source["caFile"];
	        this.skipVerify = source["skipVerify"];
	        this.timeoutSeconds = source["timeoutSeconds"];
	    }
	}
	export class StatusInfo {
	    name: string;
	    label: string;
	    meaning: string;
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new StatusInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.label = source["label"];
	        this.meaning = source["meaning"];
	        this.active = source["active"];
	    }
	}

}

export namespace metrics {
	
	export class FiniteStats {
	    count: number;
	    min?: number;
	    max?: number;
	    mean?: number;
	    p50?: number;
	    p90?: number;
	    p99?: number;
	    p999?: number;
	    baseline?: number;
	    baselineSpread?: number;
	    baselinePoints: number;
	    departedAt: number;
	
	    static createFrom(source: any = {}) {
	        return new FiniteStats(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.count = source["count"];
	        this.min = source["min"];
	        this.max = source["max"];
	        this.mean = source["mean"];
	        this.p50 = source["p50"];
	        this.p90 = source["p90"];
	        this.p99 = source["p99"];
	        this.p999 = source["p999"];
	        this.baseline = source["baseline"];
	        this.baselineSpread = source["baselineSpread"];
	        this.baselinePoints = source["baselinePoints"];
	        this.departedAt = source["departedAt"];
	    }
	}

}

export namespace postmortem {
	
	export class Hint {
	    line: number;
	    col: number;
	    len: number;
	    phrase: string;
	    suggestion: string;
	
	    static createFrom(source: any = {}) {
	        return new Hint(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.col = source["col"];
	        this.len = source["len"];
	        this.phrase = source["phrase"];
	        this.suggestion = source["suggestion"];
	    }
	}
	export class PlaceholderInfo {
	    name: string;
	    description: string;
	    block: boolean;
	
	    static createFrom(source: any = {}) {
	        return new PlaceholderInfo(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.description = source["description"];
	        this.block = source["block"];
	    }
	}
	export class Problem {
	    line: number;
	    placeholder: string;
	    message: string;
	
	    static createFrom(source: any = {}) {
	        return new Problem(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.line = source["line"];
	        this.placeholder = source["placeholder"];
	        this.message = source["message"];
	    }
	}

}

