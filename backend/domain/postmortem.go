package domain

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// PostmortemStatus is where a postmortem document is in its review.
type PostmortemStatus string

const (
	PostmortemDraft     PostmortemStatus = "draft"
	PostmortemInReview  PostmortemStatus = "in_review"
	PostmortemApproved  PostmortemStatus = "approved"
	PostmortemPublished PostmortemStatus = "published"
)

// PostmortemStatusInfo is a status with the words shown for it.
type PostmortemStatusInfo struct {
	Name  PostmortemStatus `json:"name"`
	Label string           `json:"label"`
}

// PostmortemStatuses lists the statuses in workflow order.
var PostmortemStatuses = []PostmortemStatusInfo{
	{PostmortemDraft, "Draft"},
	{PostmortemInReview, "In review"},
	{PostmortemApproved, "Approved"},
	{PostmortemPublished, "Published"},
}

// Label is the status as a person reads it; an unknown status is shown as
// it is.
func (s PostmortemStatus) Label() string {
	for _, i := range PostmortemStatuses {
		if i.Name == s {
			return i.Label
		}
	}
	return string(s)
}

// ParsePostmortemStatus accepts a status name in any case, with "-" or " "
// for "_" ("in review").
func ParsePostmortemStatus(s string) (PostmortemStatus, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	v = strings.NewReplacer("-", "_", " ", "_").Replace(v)
	for _, i := range PostmortemStatuses {
		if string(i.Name) == v {
			return i.Name, nil
		}
	}
	return "", fmt.Errorf("unknown postmortem status %q; use draft, in_review, approved or published", truncate(s, 20))
}

// postmortemTransitions are the allowed moves. Submitting (draft →
// in_review) needs reviewers and approval (in_review → approved) happens
// when the last reviewer approves; the store enforces both. Going back to
// draft from in_review is a withdrawal or a request for changes; from
// approved or published it is a reopen for edits. Each move is recorded in
// the history.
var postmortemTransitions = map[PostmortemStatus][]PostmortemStatus{
	PostmortemDraft:     {PostmortemInReview},
	PostmortemInReview:  {PostmortemApproved, PostmortemDraft},
	PostmortemApproved:  {PostmortemPublished, PostmortemDraft},
	PostmortemPublished: {PostmortemDraft},
}

// NextPostmortemStatuses returns the statuses a postmortem may move to.
func NextPostmortemStatuses(s PostmortemStatus) []PostmortemStatus {
	return append([]PostmortemStatus(nil), postmortemTransitions[s]...)
}

// CheckPostmortemTransition returns nil if a postmortem may go from one
// status to the other, and an EINVALID error on "status" naming both
// otherwise. Staying in the same status is not a transition and is refused.
func CheckPostmortemTransition(from, to PostmortemStatus) error {
	if from == to {
		return postmortemFieldError("status", "the postmortem is already %s", from.Label())
	}
	next := postmortemTransitions[from]
	for _, s := range next {
		if s == to {
			return nil
		}
	}
	names := make([]string, len(next))
	for k, s := range next {
		names[k] = s.Label()
	}
	allowed := "nothing"
	if len(names) > 0 {
		allowed = strings.Join(names, " or ")
	}
	return postmortemFieldError("status", "a postmortem cannot go from %s to %s; from %s it can go to %s",
		from.Label(), to.Label(), from.Label(), allowed)
}

func postmortemFieldError(field, format string, args ...any) error {
	fe := FieldErrors{}
	fe.Add(field, format, args...)
	return fe.Err()
}

// Limits on one postmortem. The body is markdown that can embed tables;
// 1 MiB is far above a long document and still crosses the bridge.
const (
	MaxPostmortemBody    = 1 << 20 // bytes
	MaxPostmortemTitle   = 300     // characters
	MaxPostmortemPeople  = 20      // authors, and reviewers
	MaxPostmortemNote    = 500     // characters, of a revision note
	MaxPostmortemComment = 10_000  // characters, of a review or status comment
)

// AutosaveRevisionAge is how old the latest revision must be before a save
// that changes the body keeps a new revision on its own.
const AutosaveRevisionAge = 10 * time.Minute

// Postmortem is the written review of one incident. Body is markdown with
// live placeholders (rendered elsewhere). All times are UTC.
type Postmortem struct {
	ID         string           `json:"id"`
	IncidentID string           `json:"incidentId"`
	Template   string           `json:"template"`
	Title      string           `json:"title"`
	Body       string           `json:"body"`
	Status     PostmortemStatus `json:"status"`
	Authors    []string         `json:"authors"`
	// Reviewers are named on submit; their verdicts are in the reviews.
	Reviewers []string `json:"reviewers"`
	// Round counts submissions: only reviews of the current round decide
	// approval, so a verdict given before changes were made does not count
	// after a resubmit.
	Round     int       `json:"round"`
	CreatedAt time.Time `json:"createdAt"`
	UpdatedAt time.Time `json:"updatedAt"`
	// PublishedAt is when it was last published; a reopen keeps it.
	PublishedAt *time.Time `json:"publishedAt"`
	// Version counts saves and status changes; a save naming an older one is
	// refused with ECONFLICT.
	Version int `json:"version"`
}

// PostmortemRevision is a kept copy of the body and title. Lists leave Body
// empty and give its Size in bytes.
type PostmortemRevision struct {
	ID           string    `json:"id"`
	PostmortemID string    `json:"postmortemId"`
	Number       int       `json:"number"`
	Title        string    `json:"title"`
	Body         string    `json:"body"`
	Size         int       `json:"size"`
	Author       string    `json:"author"`
	Note         string    `json:"note"`
	CreatedAt    time.Time `json:"createdAt"`
}

// Review verdicts.
const (
	VerdictApprove = "approve"
	VerdictChanges = "changes"
)

// PostmortemReview is one reviewer's verdict in one round.
type PostmortemReview struct {
	ID           string    `json:"id"`
	PostmortemID string    `json:"postmortemId"`
	Round        int       `json:"round"`
	Reviewer     string    `json:"reviewer"`
	Verdict      string    `json:"verdict"`
	Comment      string    `json:"comment"`
	CreatedAt    time.Time `json:"createdAt"`
}

// PostmortemEvent is one status change in a postmortem's history: who
// moved it (domain.Actor, or the reviewer whose verdict moved it), when,
// and why. Verdicts themselves are reviews; edits are revisions.
type PostmortemEvent struct {
	ID           string           `json:"id"`
	PostmortemID string           `json:"postmortemId"`
	From         PostmortemStatus `json:"from"`
	To           PostmortemStatus `json:"to"`
	Actor        string           `json:"actor"`
	Comment      string           `json:"comment"`
	CreatedAt    time.Time        `json:"createdAt"`
}

// PostmortemInput creates a postmortem. Body is the template's body as the
// caller rendered or copied it; Title "" takes the incident's title.
type PostmortemInput struct {
	Template string   `json:"template"`
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	Authors  []string `json:"authors"`
}

// PostmortemEdit is a save of the document. Authors nil keeps them; an
// empty list clears them. Revision asks for a revision to be kept whatever
// its age; Note is its note.
type PostmortemEdit struct {
	Title    string   `json:"title"`
	Body     string   `json:"body"`
	Authors  []string `json:"authors"`
	Note     string   `json:"note"`
	Revision bool     `json:"revision"`
}

// checkTitleBody adds field errors for a title and a body.
func checkTitleBody(fe FieldErrors, title, body string) {
	switch {
	case title == "":
		fe.Add("title", "is required")
	case !utf8.ValidString(title):
		fe.Add("title", "is not valid UTF-8 text")
	case utf8.RuneCountInString(title) > MaxPostmortemTitle:
		fe.Add("title", "is %d characters; the limit is %d", utf8.RuneCountInString(title), MaxPostmortemTitle)
	case strings.ContainsAny(title, "\r\n"):
		fe.Add("title", "contains a line break")
	}
	switch {
	case len(body) > MaxPostmortemBody:
		fe.Add("body", "is %s; the limit is 1 MiB (move large tables or logs to attachments)", byteSize(len(body)))
	case !utf8.ValidString(body):
		fe.Add("body", "is not valid UTF-8 text")
	}
}

func byteSize(n int) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Validate trims and checks the input; Title may be "" (the store fills in
// the incident's). Returns EINVALID with field errors.
func (in *PostmortemInput) Validate() error {
	fe := FieldErrors{}
	in.Template = strings.TrimSpace(in.Template)
	in.Title = strings.TrimSpace(in.Title)
	if len(in.Template) > 100 {
		fe.Add("template", "is longer than 100 characters")
	}
	title := in.Title
	if title == "" {
		title = "-" // filled in by the store
	}
	checkTitleBody(fe, title, in.Body)
	var msg string
	if in.Authors, msg = cleanNames(in.Authors, MaxPostmortemPeople); msg != "" {
		fe.Add("authors", "%s", msg)
	}
	return fe.Err()
}

// Validate trims and checks the edit. Returns EINVALID with field errors.
func (in *PostmortemEdit) Validate() error {
	fe := FieldErrors{}
	in.Title = strings.TrimSpace(in.Title)
	in.Note = strings.TrimSpace(in.Note)
	checkTitleBody(fe, in.Title, in.Body)
	if in.Authors != nil {
		var msg string
		if in.Authors, msg = cleanNames(in.Authors, MaxPostmortemPeople); msg != "" {
			fe.Add("authors", "%s", msg)
		}
	}
	if utf8.RuneCountInString(in.Note) > MaxPostmortemNote {
		fe.Add("note", "is longer than %d characters", MaxPostmortemNote)
	}
	return fe.Err()
}

// CleanReviewers trims and dedupes reviewer names (case-insensitively) and
// checks there is at least one and at most MaxPostmortemPeople. Returns
// EINVALID on "reviewers".
func CleanReviewers(in []string) ([]string, error) {
	out, msg := cleanNames(in, MaxPostmortemPeople)
	if msg == "" && len(out) == 0 {
		msg = "name at least one reviewer to submit the postmortem for review"
	}
	if msg != "" {
		return nil, postmortemFieldError("reviewers", "%s", msg)
	}
	return out, nil
}

// CheckVerdict normalises a verdict and checks its comment: asking for
// changes needs a comment saying which. Returns EINVALID on "verdict" or
// "comment".
func CheckVerdict(verdict, comment string) (string, string, error) {
	fe := FieldErrors{}
	v := strings.ToLower(strings.TrimSpace(verdict))
	c := strings.TrimSpace(comment)
	if v != VerdictApprove && v != VerdictChanges {
		fe.Add("verdict", "is %q; use %q or %q", truncate(verdict, 20), VerdictApprove, VerdictChanges)
	}
	if v == VerdictChanges && c == "" {
		fe.Add("comment", "is required when asking for changes: say what to change")
	}
	if utf8.RuneCountInString(c) > MaxPostmortemComment {
		fe.Add("comment", "is longer than %d characters", MaxPostmortemComment)
	}
	return v, c, fe.Err()
}

// AllApproved reports whether every reviewer's latest verdict among
// reviews (oldest first, already of one round) is approve. Names compare
// without case. No reviewers is never approved.
func AllApproved(reviewers []string, reviews []PostmortemReview) bool {
	if len(reviewers) == 0 {
		return false
	}
	latest := map[string]string{}
	for _, r := range reviews {
		latest[strings.ToLower(r.Reviewer)] = r.Verdict
	}
	for _, name := range reviewers {
		if latest[strings.ToLower(name)] != VerdictApprove {
			return false
		}
	}
	return true
}

// ---- review due dates ----

// ReviewRule is how long after resolution a postmortem's review is due:
// Days calendar days, or Days business days (Monday to Friday) when
// Business. Days 0 is no due date.
type ReviewRule struct {
	Days     int  `json:"days"`
	Business bool `json:"business"`
}

// String is the rule as a setting stores it: "3d", "5bd" or "none".
func (r ReviewRule) String() string {
	switch {
	case r.Days == 0:
		return "none"
	case r.Business:
		return strconv.Itoa(r.Days) + "bd"
	}
	return strconv.Itoa(r.Days) + "d"
}

// ReviewPolicy is the due rule of each severity.
type ReviewPolicy struct {
	SEV1 ReviewRule `json:"sev1"`
	SEV2 ReviewRule `json:"sev2"`
	SEV3 ReviewRule `json:"sev3"`
	SEV4 ReviewRule `json:"sev4"`
}

// DefaultReviewPolicy: SEV1 3 calendar days after resolution, SEV2 5
// business days, SEV3 10 business days, SEV4 no due date.
var DefaultReviewPolicy = ReviewPolicy{
	SEV1: ReviewRule{Days: 3},
	SEV2: ReviewRule{Days: 5, Business: true},
	SEV3: ReviewRule{Days: 10, Business: true},
}

// ReviewSettingKeys names the setting of each severity's rule.
var ReviewSettingKeys = map[Severity]string{
	SEV1: "reviewDueSEV1",
	SEV2: "reviewDueSEV2",
	SEV3: "reviewDueSEV3",
	SEV4: "reviewDueSEV4",
}

// MaxReviewDays bounds a rule: a year of days is already no deadline.
const MaxReviewDays = 365

// ParseReviewRule reads the setting key's value: "3d" (calendar days), "5bd"
// (business days), "0" or "none" (no due date); a bare number is calendar
// days. Errors name the key.
func ParseReviewRule(key, s string) (ReviewRule, error) {
	v := strings.ToLower(strings.TrimSpace(s))
	if v == "none" || v == "" {
		return ReviewRule{}, nil
	}
	r := ReviewRule{}
	switch {
	case strings.HasSuffix(v, "bd"):
		r.Business, v = true, strings.TrimSuffix(v, "bd")
	case strings.HasSuffix(v, "d"):
		v = strings.TrimSuffix(v, "d")
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 || n > MaxReviewDays {
		return ReviewRule{}, fmt.Errorf("%s: %q is not a review deadline; use e.g. \"3d\" (calendar days), \"5bd\" (business days, Monday to Friday) or \"none\", up to %d days",
			key, truncate(s, 20), MaxReviewDays)
	}
	r.Days = n
	if n == 0 {
		r.Business = false
	}
	return r, nil
}

// ReviewPolicyFor builds the policy from the stored settings (setting(key)
// returns "" when none is stored). A stored value that does not parse falls
// back to the default, as the settings screen refuses one.
func ReviewPolicyFor(setting func(key string) string) ReviewPolicy {
	p := DefaultReviewPolicy
	for sev, key := range ReviewSettingKeys {
		v := setting(key)
		if v == "" {
			continue
		}
		if r, err := ParseReviewRule(key, v); err == nil {
			*p.rule(sev) = r
		}
	}
	return p
}

func (p *ReviewPolicy) rule(sev Severity) *ReviewRule {
	switch sev {
	case SEV1:
		return &p.SEV1
	case SEV2:
		return &p.SEV2
	case SEV3:
		return &p.SEV3
	}
	return &p.SEV4
}

// Rule returns the rule of a severity (SEV4's for an unknown one).
func (p ReviewPolicy) Rule(sev Severity) ReviewRule { return *p.rule(sev) }

// DueDate is the calendar date (YYYY-MM-DD, in loc) the postmortem review
// of inc is due: its resolution date in loc plus the severity's days,
// counting only Monday to Friday for business days (so resolving on a
// Friday with 1 business day is due Monday). ok is false when the incident
// is not resolved or its severity has no due date.
func (p ReviewPolicy) DueDate(inc *Incident, loc *time.Location) (date string, ok bool) {
	if inc == nil || inc.ResolvedAt == nil {
		return "", false
	}
	r := p.Rule(inc.Severity)
	if r.Days <= 0 {
		return "", false
	}
	if loc == nil {
		loc = time.Local
	}
	y, m, d := inc.ResolvedAt.In(loc).Date()
	day := time.Date(y, m, d, 12, 0, 0, 0, time.UTC) // noon: no DST or zone edge
	if !r.Business {
		return day.AddDate(0, 0, r.Days).Format(DateLayout), true
	}
	for n := 0; n < r.Days; {
		day = day.AddDate(0, 0, 1)
		if wd := day.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n++
		}
	}
	return day.Format(DateLayout), true
}

// IsReviewOverdue reports whether a review due on due (YYYY-MM-DD, "" for
// none) is overdue on today: the date has passed and the postmortem is not
// yet approved or published.
func IsReviewOverdue(status PostmortemStatus, due, today string) bool {
	if due == "" || status == PostmortemApproved || status == PostmortemPublished {
		return false
	}
	return due < today
}

// ---- service ----

// PostmortemFilter selects a page of postmortems across incidents. Zero
// values select everything. Postmortems of trashed incidents are never
// listed.
type PostmortemFilter struct {
	Statuses []PostmortemStatus `json:"statuses"`
	// ReviewOverdue selects postmortems whose review is overdue
	// (IsReviewOverdue).
	ReviewOverdue bool `json:"reviewOverdue"`
	// Zone decides "today" and the resolution date; "" is the user's zone
	// setting, else the machine's.
	Zone   string `json:"zone"`
	Limit  int    `json:"limit"`
	Offset int    `json:"offset"`
}

// PostmortemSummary is one row of the postmortem list: enough for a review
// meeting's agenda, without the body.
type PostmortemSummary struct {
	ID            string           `json:"id"`
	IncidentID    string           `json:"incidentId"`
	IncidentRef   string           `json:"incidentRef"`
	IncidentTitle string           `json:"incidentTitle"`
	Severity      Severity         `json:"severity"`
	Title         string           `json:"title"`
	Status        PostmortemStatus `json:"status"`
	Authors       []string         `json:"authors"`
	Reviewers     []string         `json:"reviewers"`
	// DueDate is the review's due date (ReviewPolicy.DueDate), "" for none.
	DueDate   string    `json:"dueDate"`
	Overdue   bool      `json:"overdue"`
	UpdatedAt time.Time `json:"updatedAt"`
}

// PostmortemPage is one page of the list and the size of the whole list.
type PostmortemPage struct {
	Items  []PostmortemSummary `json:"items"`
	Total  int                 `json:"total"`
	Offset int                 `json:"offset"`
	Limit  int                 `json:"limit"`
}

// PostmortemService is the postmortem store's contract. incident accepts an
// incident's id or reference, like IncidentService; a postmortem is named
// by its id. Every change is one transaction, and every status change is
// checked by CheckPostmortemTransition and recorded in the history with
// Actor(ctx). A postmortem of an incident in the trash is in the trash with
// it: ENOTFOUND.
//
// Editing is for drafts: the title and body of a postmortem in review,
// approved or published cannot be changed (EINVALID "reopen it first");
// SetPostmortemStatus(draft) reopens it, and is recorded.
type PostmortemService interface {
	// CreatePostmortem validates in and saves the incident's postmortem as
	// a draft, with revision 1 holding the body. An incident has at most
	// one: a second returns ECONFLICT naming the existing one. ENOTFOUND
	// for an unknown or trashed incident.
	CreatePostmortem(ctx context.Context, incident string, in PostmortemInput) (*Postmortem, error)
	// GetPostmortem returns the incident's postmortem, ENOTFOUND (saying how
	// to create one) when it has none.
	GetPostmortem(ctx context.Context, incident string) (*Postmortem, error)
	// SavePostmortem replaces the title, body and authors. If
	// expectedVersion is not 0 and differs from the stored one it returns
	// ECONFLICT and saves nothing. A new revision is kept when in.Revision
	// is set, or when the title or body changed and the latest revision is
	// older than AutosaveRevisionAge; otherwise the edit lives only in the
	// document until the next revision. EINVALID on "status" unless the
	// postmortem is a draft; EINVALID on "body" over MaxPostmortemBody.
	SavePostmortem(ctx context.Context, id string, in PostmortemEdit, expectedVersion int) (*Postmortem, error)
	// Revisions lists the revisions, newest first, without their bodies.
	Revisions(ctx context.Context, id string) ([]PostmortemRevision, error)
	// GetRevision returns one revision with its body; ENOTFOUND if there is
	// no such number.
	GetRevision(ctx context.Context, id string, number int) (*PostmortemRevision, error)
	// RestoreRevision makes revision number's title and body current, kept
	// as a new revision. Drafts only (EINVALID on "status"); ECONFLICT on a
	// stale expectedVersion (0 skips the check).
	RestoreRevision(ctx context.Context, id string, number int, expectedVersion int) (*Postmortem, error)
	// Submit sends a draft for review by reviewers (CleanReviewers: at
	// least one, EINVALID on "reviewers") and starts a new review round.
	Submit(ctx context.Context, id string, reviewers []string) (*Postmortem, error)
	// Review records a named reviewer's verdict on a postmortem in review
	// (CheckVerdict: "changes" needs a comment). "changes" moves it back to
	// draft; when every reviewer's latest verdict of the round is
	// "approve" it becomes approved. EINVALID on "reviewer" for someone not
	// named as a reviewer, on "status" when it is not in review.
	Review(ctx context.Context, id, reviewer, verdict, comment string) (*Postmortem, error)
	// SetPostmortemStatus makes the moves a person makes by hand: publish
	// (approved → published), withdraw (in_review → draft) and reopen
	// (approved or published → draft). Submit and approval have their own
	// methods: asking for in_review or approved here is EINVALID on
	// "status", as is any move CheckPostmortemTransition refuses.
	SetPostmortemStatus(ctx context.Context, id string, to PostmortemStatus, comment string) (*Postmortem, error)
	// Reviews returns every verdict, of every round, oldest first.
	Reviews(ctx context.Context, id string) ([]PostmortemReview, error)
	// PostmortemHistory returns the status changes, oldest first.
	PostmortemHistory(ctx context.Context, id string) ([]PostmortemEvent, error)
	// ListPostmortems returns one page, soonest due first (those without a
	// due date last), then by incident reference. EINVALID for a bad
	// filter value.
	ListPostmortems(ctx context.Context, f PostmortemFilter) (*PostmortemPage, error)
}
