package app

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/wailsapp/wails/v2/pkg/runtime"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/markdown"
	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/postmortem"
)

// PostmortemView is a postmortem as the Postmortem tab shows it. Times are
// Unix milliseconds; PublishedAt is 0 when it never was.
type PostmortemView struct {
	ID          string   `json:"id"`
	IncidentID  string   `json:"incidentId"`
	IncidentRef string   `json:"incidentRef"`
	Template    string   `json:"template"`
	Title       string   `json:"title"`
	Body        string   `json:"body"`
	Status      string   `json:"status"`
	StatusLabel string   `json:"statusLabel"`
	Authors     []string `json:"authors"`
	Reviewers   []string `json:"reviewers"`
	Round       int      `json:"round"`
	CreatedAt   int64    `json:"createdAt"`
	UpdatedAt   int64    `json:"updatedAt"`
	PublishedAt int64    `json:"publishedAt"`
	Version     int      `json:"version"`
	// DueDate is when the review is due (YYYY-MM-DD in the user's zone),
	// "" for none; Overdue says it has passed unapproved.
	DueDate string `json:"dueDate"`
	Overdue bool   `json:"overdue"`
	// Next are the statuses the author can move it to by hand (publish,
	// withdraw, reopen); submit and approval have their own calls.
	Next []string `json:"next"`
}

// TemplateView is a template a postmortem can start from.
type TemplateView struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Body        string `json:"body"`
	BuiltIn     bool   `json:"builtIn"`
}

// PostmortemSettingsView is the postmortem part of Settings: the user's
// templates, the blameless phrase list as text, and the review deadline of
// each severity as "3d", "5bd" or "none".
type PostmortemSettingsView struct {
	Templates     []TemplateView    `json:"templates"`
	Phrases       string            `json:"phrases"`
	PhrasesCustom bool              `json:"phrasesCustom"`
	ReviewDue     map[string]string `json:"reviewDue"`
}

// DocPreviewView is the postmortem preview pane: sanitized HTML, the template's problems
// and the blameless-language hints of the text, and how long the backend
// took (for the performance table).
type DocPreviewView struct {
	HTML     string               `json:"html"`
	Problems []postmortem.Problem `json:"problems"`
	Hints    []postmortem.Hint    `json:"hints"`
	Micros   int64                `json:"micros"`
}

// RevisionView is one kept revision; Body is "" in lists.
type RevisionView struct {
	Number    int    `json:"number"`
	Title     string `json:"title"`
	Body      string `json:"body"`
	Size      int    `json:"size"`
	Author    string `json:"author"`
	Note      string `json:"note"`
	CreatedAt int64  `json:"createdAt"`
}

// ReviewView is one reviewer's verdict.
type ReviewView struct {
	Round     int    `json:"round"`
	Reviewer  string `json:"reviewer"`
	Verdict   string `json:"verdict"`
	Comment   string `json:"comment"`
	CreatedAt int64  `json:"createdAt"`
}

// PostmortemEventView is one status change.
type PostmortemEventView struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Actor     string `json:"actor"`
	Comment   string `json:"comment"`
	CreatedAt int64  `json:"createdAt"`
}

// PostmortemSummaryView is a row of the postmortem list.
type PostmortemSummaryView struct {
	ID            string   `json:"id"`
	IncidentRef   string   `json:"incidentRef"`
	IncidentTitle string   `json:"incidentTitle"`
	Severity      string   `json:"severity"`
	Title         string   `json:"title"`
	Status        string   `json:"status"`
	StatusLabel   string   `json:"statusLabel"`
	Authors       []string `json:"authors"`
	Reviewers     []string `json:"reviewers"`
	DueDate       string   `json:"dueDate"`
	Overdue       bool     `json:"overdue"`
	UpdatedAt     int64    `json:"updatedAt"`
}

// PostmortemPageView is a page of the list.
type PostmortemPageView struct {
	Items []PostmortemSummaryView `json:"items"`
	Total int                     `json:"total"`
}

// PostmortemExportView says what an export wrote, and where.
type PostmortemExportView struct {
	Dir      string               `json:"dir"`
	Files    []string             `json:"files"`
	Problems []postmortem.Problem `json:"problems"`
}

// exportDirSetting remembers the folder of the last export.
const exportDirSetting = "postmortemExportDir"

// dataTTL is how long a preview reuses the incident's data: typing
// previews several times a second, and the timeline, causes and charts do
// not change meanwhile in this window (a change elsewhere shows within it).
const dataTTL = 3 * time.Second

// PostmortemsAPI is bound to the frontend: the postmortem document, its
// templates, preview, revisions, review and export.
type PostmortemsAPI struct {
	ctx context.Context
	cfg Config

	// sections keeps the preview's HTML section by section between calls,
	// and hints each line's hints.
	sections *markdown.Sections
	hints    *postmortem.HintCache
	// metrics gives the detection lag a document shows.
	metrics *metrics.Service

	mu     sync.Mutex
	cached struct {
		incident string
		at       time.Time
		data     postmortem.Data
		charts   map[string]string
	}
}

func (a *PostmortemsAPI) svc() (domain.PostmortemService, error) {
	if a.cfg.Postmortems == nil {
		return nil, errNoDatabase
	}
	return a.cfg.Postmortems, nil
}

func (a *PostmortemsAPI) actor() context.Context { return (&IncidentsAPI{cfg: a.cfg}).actor() }

func (a *PostmortemsAPI) now() time.Time {
	if a.cfg.Clock == nil {
		return time.Now()
	}
	return a.cfg.Clock()
}

func (a *PostmortemsAPI) zone() *time.Location { return userZone(a.cfg) }

func (a *PostmortemsAPI) policy(ctx context.Context) domain.ReviewPolicy {
	return domain.ReviewPolicyFor(func(key string) string {
		v, _ := a.cfg.Settings.Setting(ctx, key, "")
		return v
	})
}

func (a *PostmortemsAPI) view(ctx context.Context, pm *domain.Postmortem) (PostmortemView, error) {
	inc, err := a.cfg.Incidents.GetIncident(ctx, pm.IncidentID)
	if err != nil {
		return PostmortemView{}, err
	}
	v := PostmortemView{
		ID: pm.ID, IncidentID: pm.IncidentID, IncidentRef: inc.Ref(), Template: pm.Template, Title: pm.Title,
		Body: pm.Body, Status: string(pm.Status), StatusLabel: pm.Status.Label(), Authors: nonNil(pm.Authors),
		Reviewers: nonNil(pm.Reviewers), Round: pm.Round, CreatedAt: ms(pm.CreatedAt), UpdatedAt: ms(pm.UpdatedAt),
		Version: pm.Version, Next: []string{},
	}
	if pm.PublishedAt != nil {
		v.PublishedAt = ms(*pm.PublishedAt)
	}
	loc := a.zone()
	if due, ok := a.policy(ctx).DueDate(inc, loc); ok {
		v.DueDate = due
		v.Overdue = domain.IsReviewOverdue(pm.Status, due, a.now().In(loc).Format(domain.DateLayout))
	}
	for _, s := range domain.NextPostmortemStatuses(pm.Status) {
		if s != domain.PostmortemInReview && s != domain.PostmortemApproved {
			v.Next = append(v.Next, string(s))
		}
	}
	return v, nil
}

func (a *PostmortemsAPI) changed(pm *domain.Postmortem, err error) (PostmortemView, error) {
	if err != nil {
		return PostmortemView{}, err
	}
	a.forget()
	return a.view(context.Background(), pm)
}

// forget drops the cached data, so the next preview reads it afresh.
func (a *PostmortemsAPI) forget() {
	a.mu.Lock()
	a.cached.incident = ""
	a.mu.Unlock()
}

// Get returns the incident's postmortem; ENOTFOUND when it has none yet.
func (a *PostmortemsAPI) Get(incident string) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	pm, err := s.GetPostmortem(context.Background(), incident)
	if err != nil {
		return PostmortemView{}, err
	}
	return a.view(context.Background(), pm)
}

// Create starts the incident's postmortem from a template (by name: the
// user's or a built-in one), as a draft written by the user.
func (a *PostmortemsAPI) Create(incident, template, title string) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	ctx := a.actor()
	user, err := postmortem.UserTemplates(ctx, a.cfg.Settings)
	if err != nil {
		return PostmortemView{}, err
	}
	t, ok := postmortem.FindTemplate(template, user)
	if !ok {
		fe := domain.FieldErrors{}
		fe.Add("template", "there is no template %q; pick one from the list", template)
		return PostmortemView{}, fe.Err()
	}
	var authors []string
	if me := domain.Actor(ctx); me != "" {
		authors = []string{me}
	}
	pm, err := s.CreatePostmortem(ctx, incident, domain.PostmortemInput{Template: t.Name, Title: title, Body: t.Body, Authors: authors})
	return a.changed(pm, err)
}

// Save stores the title, body and authors; version is the one the editor
// loaded (ECONFLICT when the document changed meanwhile). Autosave sends
// revision false; "Save revision" sends true with an optional note.
func (a *PostmortemsAPI) Save(id string, edit domain.PostmortemEdit, version int) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	pm, err := s.SavePostmortem(a.actor(), id, edit, version)
	if err != nil {
		return PostmortemView{}, err
	}
	// A save changes only the text: the cached data stay good.
	return a.view(context.Background(), pm)
}

// data returns the incident's data for previews, read at most every
// dataTTL.
func (a *PostmortemsAPI) data(ctx context.Context, incident string) (postmortem.Data, map[string]string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.cached.incident == incident && a.now().Sub(a.cached.at) < dataTTL && a.now().Sub(a.cached.at) >= 0 {
		return a.cached.data, a.cached.charts, nil
	}
	d, err := a.load(ctx, incident)
	if err != nil {
		return postmortem.Data{}, nil, err
	}
	charts, err := postmortem.Charts(d)
	if err != nil {
		return postmortem.Data{}, nil, err
	}
	a.cached.incident, a.cached.at, a.cached.data, a.cached.charts = incident, a.now(), d, charts
	return d, charts, nil
}

func (a *PostmortemsAPI) load(ctx context.Context, incident string) (postmortem.Data, error) {
	return postmortem.Load(ctx, postmortem.Sources{
		Incidents: a.cfg.Incidents, Timeline: a.cfg.Timeline, Causes: a.cfg.Causes, Actions: a.cfg.Actions,
		Metrics: a.cfg.Metrics, Lag: a.metrics.DetectionLag,
	}, incident, a.zone(), a.now())
}

// people are the names the hints look for as the subject of a failure.
func (a *PostmortemsAPI) people(ctx context.Context, d postmortem.Data) []string {
	people, _ := a.cfg.Incidents.People(ctx)
	if d.Incident != nil && d.Incident.Commander != "" {
		people = append(people, d.Incident.Commander)
	}
	return people
}

// Preview renders body (as the editor holds it, saved or not) with the
// incident's live data, sanitized, and finds blameless-language hints in
// it. Hint positions are in body's lines and columns.
func (a *PostmortemsAPI) Preview(incident, body string) (DocPreviewView, error) {
	start := time.Now()
	if len(body) > domain.MaxPostmortemBody {
		fe := domain.FieldErrors{}
		fe.Add("body", "is over the 1 MiB limit; the preview stops here")
		return DocPreviewView{}, fe.Err()
	}
	ctx := context.Background()
	d, charts, err := a.data(ctx, incident)
	if err != nil {
		return DocPreviewView{}, err
	}
	phrases, _, err := postmortem.ConfiguredPhrases(ctx, a.cfg.Settings)
	if err != nil {
		phrases = postmortem.DefaultPhrases
	}
	html, problems := postmortem.Preview(body, d, charts, a.sections)
	v := DocPreviewView{HTML: html, Problems: problems, Hints: a.hints.Hints(body, phrases, a.people(ctx, d))}
	if v.Problems == nil {
		v.Problems = []postmortem.Problem{}
	}
	if v.Hints == nil {
		v.Hints = []postmortem.Hint{}
	}
	v.Micros = time.Since(start).Microseconds()
	return v, nil
}

// Freeze replaces the placeholder name in body by its current text, for
// the author to edit by hand; the editor saves the result.
func (a *PostmortemsAPI) Freeze(incident, body, name string) (string, error) {
	d, _, err := a.data(context.Background(), incident)
	if err != nil {
		return "", err
	}
	return postmortem.Freeze(body, name, d)
}

// Placeholders lists the placeholders a template may use.
func (a *PostmortemsAPI) Placeholders() []postmortem.PlaceholderInfo {
	return postmortem.Placeholders()
}

// Templates lists what a postmortem can start from: the user's templates,
// then the built-in ones no user template replaces.
func (a *PostmortemsAPI) Templates() ([]TemplateView, error) {
	user, err := postmortem.UserTemplates(context.Background(), a.cfg.Settings)
	if err != nil {
		return nil, err
	}
	return templateViews(postmortem.AllTemplates(user)), nil
}

func templateViews(ts []postmortem.Template) []TemplateView {
	out := make([]TemplateView, len(ts))
	for k, t := range ts {
		out[k] = TemplateView{Name: t.Name, Title: t.Title, Description: t.Description, Body: t.Body, BuiltIn: t.BuiltIn}
	}
	return out
}

// Settings returns the postmortem settings.
func (a *PostmortemsAPI) Settings() (PostmortemSettingsView, error) {
	ctx := context.Background()
	user, err := postmortem.UserTemplates(ctx, a.cfg.Settings)
	if err != nil {
		return PostmortemSettingsView{}, err
	}
	phrases, custom, err := postmortem.ConfiguredPhrases(ctx, a.cfg.Settings)
	if err != nil {
		return PostmortemSettingsView{}, err
	}
	v := PostmortemSettingsView{Templates: templateViews(user), Phrases: postmortem.FormatPhrases(phrases),
		PhrasesCustom: custom, ReviewDue: map[string]string{}}
	p := a.policy(ctx)
	for sev := range domain.ReviewSettingKeys {
		v.ReviewDue[string(sev)] = p.Rule(sev).String()
	}
	return v, nil
}

// SaveSettings checks and stores the postmortem settings: all of them or,
// on any mistake, none (EINVALID with fields "templates.N.name",
// "phrases", "reviewDue.SEV2"…). Phrases "" goes back to the default list.
func (a *PostmortemsAPI) SaveSettings(in PostmortemSettingsView) (PostmortemSettingsView, error) {
	ctx := context.Background()
	fe := domain.FieldErrors{}
	ts := make([]postmortem.Template, len(in.Templates))
	for k, t := range in.Templates {
		ts[k] = postmortem.Template{Name: t.Name, Title: t.Title, Description: t.Description, Body: t.Body}
	}
	if _, err := postmortem.CheckTemplates(ts); err != nil {
		mergeFieldErrors(fe, err)
	}
	if strings.TrimSpace(in.Phrases) != "" {
		if _, err := postmortem.ParsePhrases(in.Phrases); err != nil {
			fe.Add("phrases", "%s", domain.ErrorMessage(err))
		}
	}
	rules := map[string]string{}
	for sev, key := range domain.ReviewSettingKeys {
		v, ok := in.ReviewDue[string(sev)]
		if !ok {
			continue
		}
		r, err := domain.ParseReviewRule(string(sev), v)
		if err != nil {
			fe.Add("reviewDue."+string(sev), "%v", err)
			continue
		}
		rules[key] = r.String()
	}
	if err := fe.Err(); err != nil {
		return PostmortemSettingsView{}, err
	}
	if _, err := postmortem.SaveUserTemplates(ctx, a.cfg.Settings, ts); err != nil {
		return PostmortemSettingsView{}, err
	}
	if _, err := postmortem.SavePhrases(ctx, a.cfg.Settings, in.Phrases); err != nil {
		return PostmortemSettingsView{}, err
	}
	for key, v := range rules {
		if err := a.cfg.Settings.SetSetting(ctx, key, v); err != nil {
			return PostmortemSettingsView{}, err
		}
	}
	return a.Settings()
}

// mergeFieldErrors copies the field errors of err into fe; any other error
// goes under "form".
func mergeFieldErrors(fe domain.FieldErrors, err error) {
	var de *domain.Error
	if errors.As(err, &de) && len(de.Fields) > 0 {
		for f, m := range de.Fields {
			fe.Add(f, "%s", m)
		}
		return
	}
	fe.Add("form", "%s", domain.ErrorMessage(err))
}

// Revisions lists the kept revisions, newest first, without bodies.
func (a *PostmortemsAPI) Revisions(id string) ([]RevisionView, error) {
	s, err := a.svc()
	if err != nil {
		return nil, err
	}
	list, err := s.Revisions(context.Background(), id)
	if err != nil {
		return nil, err
	}
	out := make([]RevisionView, len(list))
	for k, r := range list {
		out[k] = revisionView(&r)
	}
	return out, nil
}

func revisionView(r *domain.PostmortemRevision) RevisionView {
	return RevisionView{Number: r.Number, Title: r.Title, Body: r.Body, Size: r.Size, Author: r.Author, Note: r.Note, CreatedAt: ms(r.CreatedAt)}
}

// Revision returns one revision with its body, for the diff.
func (a *PostmortemsAPI) Revision(id string, number int) (RevisionView, error) {
	s, err := a.svc()
	if err != nil {
		return RevisionView{}, err
	}
	r, err := s.GetRevision(context.Background(), id, number)
	if err != nil {
		return RevisionView{}, err
	}
	return revisionView(r), nil
}

// Restore makes a revision current (kept as a new revision).
func (a *PostmortemsAPI) Restore(id string, number, version int) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	return a.changed(s.RestoreRevision(a.actor(), id, number, version))
}

// Submit sends the draft for review by the named reviewers.
func (a *PostmortemsAPI) Submit(id string, reviewers []string) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	return a.changed(s.Submit(a.actor(), id, reviewers))
}

// Review records a reviewer's verdict: "approve", or "changes" with a
// comment.
func (a *PostmortemsAPI) Review(id, reviewer, verdict, comment string) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	return a.changed(s.Review(a.actor(), id, reviewer, verdict, comment))
}

// SetStatus publishes, withdraws or reopens.
func (a *PostmortemsAPI) SetStatus(id, status, comment string) (PostmortemView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemView{}, err
	}
	to, err := domain.ParsePostmortemStatus(status)
	if err != nil {
		return PostmortemView{}, err
	}
	return a.changed(s.SetPostmortemStatus(a.actor(), id, to, comment))
}

// Reviews returns every verdict, oldest first.
func (a *PostmortemsAPI) Reviews(id string) ([]ReviewView, error) {
	s, err := a.svc()
	if err != nil {
		return nil, err
	}
	list, err := s.Reviews(context.Background(), id)
	if err != nil {
		return nil, err
	}
	out := make([]ReviewView, len(list))
	for k, r := range list {
		out[k] = ReviewView{Round: r.Round, Reviewer: r.Reviewer, Verdict: r.Verdict, Comment: r.Comment, CreatedAt: ms(r.CreatedAt)}
	}
	return out, nil
}

// History returns the status changes, oldest first.
func (a *PostmortemsAPI) History(id string) ([]PostmortemEventView, error) {
	s, err := a.svc()
	if err != nil {
		return nil, err
	}
	list, err := s.PostmortemHistory(context.Background(), id)
	if err != nil {
		return nil, err
	}
	out := make([]PostmortemEventView, len(list))
	for k, e := range list {
		out[k] = PostmortemEventView{From: string(e.From), To: string(e.To), Actor: e.Actor, Comment: e.Comment, CreatedAt: ms(e.CreatedAt)}
	}
	return out, nil
}

// List returns a page of postmortems across incidents.
func (a *PostmortemsAPI) List(f domain.PostmortemFilter) (PostmortemPageView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemPageView{}, err
	}
	p, err := s.ListPostmortems(context.Background(), f)
	if err != nil {
		return PostmortemPageView{}, err
	}
	out := PostmortemPageView{Items: make([]PostmortemSummaryView, len(p.Items)), Total: p.Total}
	for k, it := range p.Items {
		out.Items[k] = PostmortemSummaryView{ID: it.ID, IncidentRef: it.IncidentRef, IncidentTitle: it.IncidentTitle,
			Severity: string(it.Severity), Title: it.Title, Status: string(it.Status), StatusLabel: it.Status.Label(),
			Authors: nonNil(it.Authors), Reviewers: nonNil(it.Reviewers), DueDate: it.DueDate, Overdue: it.Overdue,
			UpdatedAt: ms(it.UpdatedAt)}
	}
	return out, nil
}

// ExportDir returns the folder of the last export, "" before the first.
func (a *PostmortemsAPI) ExportDir() string {
	v, _ := a.cfg.Settings.Setting(context.Background(), exportDirSetting, "")
	return v
}

// ChooseExportDir asks for a folder; "" when the user cancels.
func (a *PostmortemsAPI) ChooseExportDir() (string, error) {
	if a.ctx == nil {
		return "", domain.Errorf(domain.EINVALID, "no window to open a folder dialog in; type the folder")
	}
	return runtime.OpenDirectoryDialog(a.ctx, runtime.OpenDialogOptions{
		Title: "Export the postmortem into…", DefaultDirectory: a.ExportDir(), CanCreateDirectories: true,
	})
}

// Export writes the incident's postmortem into dir as markdown ("md") or
// HTML ("html") with its chart and data files; force overwrites. Nothing is
// written when a file exists and force is not set (ECONFLICT on "dir").
func (a *PostmortemsAPI) Export(incident, dir, format string, force bool) (PostmortemExportView, error) {
	s, err := a.svc()
	if err != nil {
		return PostmortemExportView{}, err
	}
	dir = strings.TrimSpace(dir)
	if dir == "" {
		fe := domain.FieldErrors{}
		fe.Add("dir", "is required: choose the folder to export into")
		return PostmortemExportView{}, fe.Err()
	}
	ctx := context.Background()
	pm, err := s.GetPostmortem(ctx, incident)
	if err != nil {
		return PostmortemExportView{}, err
	}
	d, err := a.load(ctx, incident)
	if err != nil {
		return PostmortemExportView{}, err
	}
	doc := postmortem.DocumentOf(pm)
	res, err := postmortem.Export(dir, doc, d, postmortem.Options{Force: force, Format: format, Version: a.cfg.Version})
	if err != nil {
		if code := domain.ErrorCode(err); code == domain.ECONFLICT || code == domain.ENOTFOUND || code == domain.EINVALID {
			// The button beside the message is what overwrites.
			fe := domain.FieldErrors{}
			fe.Add("dir", "%s", domain.ErrorMessage(err))
			return PostmortemExportView{}, fe.Err()
		}
		return PostmortemExportView{}, err
	}
	_ = a.cfg.Settings.SetSetting(ctx, exportDirSetting, dir)
	if res.Problems == nil {
		res.Problems = []postmortem.Problem{}
	}
	return PostmortemExportView{Dir: dir, Files: res.Files, Problems: res.Problems}, nil
}

func newPostmortemsAPI(cfg Config) *PostmortemsAPI {
	return &PostmortemsAPI{cfg: cfg, sections: markdown.NewSections(), hints: postmortem.NewHintCache(), metrics: metricsService(cfg)}
}
