package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
	"github.com/hindsight-app/hindsight/backend/store"
)

func (r *runner) postmortemCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "postmortem",
		Aliases: []string{"postmortems", "pm"},
		Short:   "Write, review and publish an incident's postmortem",
		Long: `Write, review and publish an incident's postmortem: one markdown document
per incident, created from a template whose {{placeholders}} (timeline,
root causes, actions, metrics…) are filled from the incident when the
document is shown with --rendered or exported ('hindsight export').

A postmortem is named by its incident, as in 'hindsight incident'. It goes
draft → in_review (submit, naming reviewers) → approved (when every reviewer
approves) → published; a reviewer asking for changes, withdraw and reopen
send it back to draft. Only a draft can be edited.

Exit codes as for every command; a move the status does not allow is 2, an
edit of a postmortem changed meanwhile is 4. 'hints' and 'list --overdue'
exit 1 when they find something.

With --json, show prints one object of

  {"id", "incident", "incidentId", "template", "title", "body", "status",
   "authors", "reviewers", "round", "createdAt", "updatedAt", "publishedAt",
   "version"}

(with --rendered, body is rendered and "problems" lists {"line",
"placeholder", "message"}); list prints an array of {"id", "incident",
"incidentTitle", "severity", "title", "status", "authors", "reviewers",
"dueDate", "overdue", "updatedAt"}. Times are RFC 3339 in UTC or null;
dueDate is YYYY-MM-DD or null. Fields are only ever added.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.pmCreateCmd(), r.pmShowCmd(), r.pmEditCmd(), r.pmTemplatesCmd(), r.pmTemplateCmd(), r.pmPhrasesCmd(), r.pmHintsCmd(),
		r.pmSubmitCmd(), r.pmReviewCmd(),
		r.pmStatusCmd("publish", "Publish an approved postmortem", domain.PostmortemPublished, "Published", domain.PostmortemApproved),
		r.pmStatusCmd("reopen", "Reopen an approved or published postmortem for edits (back to draft)", domain.PostmortemDraft,
			"Reopened", domain.PostmortemApproved, domain.PostmortemPublished),
		r.pmStatusCmd("withdraw", "Withdraw a postmortem from review (back to draft)", domain.PostmortemDraft,
			"Withdrew", domain.PostmortemInReview),
		r.pmRevisionsCmd(), r.pmListCmd())
	return cmd
}

// postmortemJSON is a postmortem in --json output. Scripts rely on this
// shape: fields may be added, never renamed or removed.
type postmortemJSON struct {
	ID          string                `json:"id"`
	Incident    string                `json:"incident"`
	IncidentID  string                `json:"incidentId"`
	Template    string                `json:"template"`
	Title       string                `json:"title"`
	Body        string                `json:"body"`
	Status      string                `json:"status"`
	Authors     []string              `json:"authors"`
	Reviewers   []string              `json:"reviewers"`
	Round       int                   `json:"round"`
	CreatedAt   string                `json:"createdAt"`
	UpdatedAt   string                `json:"updatedAt"`
	PublishedAt *string               `json:"publishedAt"`
	Version     int                   `json:"version"`
	Problems    *[]postmortem.Problem `json:"problems,omitempty"`
}

func postmortemToJSON(pm *domain.Postmortem, ref string) postmortemJSON {
	return postmortemJSON{
		ID: pm.ID, Incident: ref, IncidentID: pm.IncidentID, Template: pm.Template, Title: pm.Title, Body: pm.Body,
		Status: string(pm.Status), Authors: nonNil(pm.Authors), Reviewers: nonNil(pm.Reviewers), Round: pm.Round,
		CreatedAt: formatUTC(pm.CreatedAt), UpdatedAt: formatUTC(pm.UpdatedAt), PublishedAt: jsonTime(pm.PublishedAt),
		Version: pm.Version,
	}
}

// postmortem opens the store and finds the postmortem of one live incident.
func (r *runner) postmortem(cmd *cobra.Command, ref string) (*store.Store, *domain.Incident, *domain.Postmortem, error) {
	st, inc, err := r.incident(cmd, ref)
	if err != nil {
		return nil, nil, nil, err
	}
	pm, err := st.GetPostmortem(cmd.Context(), inc.ID)
	if err != nil {
		return nil, nil, nil, err
	}
	return st, inc, pm, nil
}

// reportPostmortem prints a changed postmortem: as JSON, or as one line
// "<what> the postmortem of INC-0042: title (status)".
func reportPostmortem(cmd *cobra.Command, pm *domain.Postmortem, ref string, asJSON bool, what string) error {
	if asJSON {
		return writeJSON(cmd.OutOrStdout(), postmortemToJSON(pm, ref))
	}
	_, err := fmt.Fprintf(cmd.OutOrStdout(), "%s the postmortem of %s: %s (%s)\n", what, ref, clean(pm.Title), pm.Status.Label())
	return err
}

func templateNames(user []postmortem.Template) string {
	var names []string
	for _, t := range postmortem.AllTemplates(user) {
		names = append(names, t.Name)
	}
	return strings.Join(names, " or ")
}

func (r *runner) pmCreateCmd() *cobra.Command {
	var (
		tmpl, title string
		authors     []string
		asJSON      bool
	)
	cmd := &cobra.Command{
		Use:   "create INC-0042 [--template sre|short] [--title TITLE]",
		Short: "Start the incident's postmortem from a template, as a draft",
		Example: `  hindsight postmortem create INC-0042
  hindsight postmortem create 42 --template short --title "Checkout 502s" --author "Dana Reyes"`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, inc, err := r.incident(cmd, args[0])
			if err != nil {
				return err
			}
			user, err := postmortem.UserTemplates(cmd.Context(), st)
			if err != nil {
				return err
			}
			t, ok := postmortem.FindTemplate(tmpl, user)
			if !ok {
				return fieldError("template", "unknown template %q; use %s (see 'hindsight postmortem templates')", tmpl, templateNames(user))
			}
			pm, err := st.CreatePostmortem(cmd.Context(), inc.ID, domain.PostmortemInput{
				Template: t.Name, Title: title, Body: t.Body, Authors: splitList(authors),
			})
			if err != nil {
				return err
			}
			return reportPostmortem(cmd, pm, inc.Ref(), asJSON, "Created")
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&tmpl, "template", "sre", "the `template` to start from: "+templateNames(nil)+" or one of yours (see 'hindsight postmortem templates')")
	fs.StringVar(&title, "title", "", "the document's title (default \"Postmortem: \" and the incident's title)")
	fs.StringArrayVar(&authors, "author", nil, "an author's `name`; repeat or separate with commas")
	fs.BoolVar(&asJSON, "json", false, "print the new postmortem as JSON")
	fs.SetNormalizeFunc(aliases(map[string]string{"authors": "author"}))
	return cmd
}

// cleanBody makes a document safe to print while keeping it as written:
// control characters other than tabs and line breaks (an escape sequence
// that would recolour the terminal) become U+FFFD.
func cleanBody(s string) string {
	return strings.Map(func(r rune) rune {
		if r != '\t' && r != '\n' && r != '\r' && unicode.IsControl(r) {
			return unicode.ReplacementChar
		}
		return r
	}, s)
}

// loadData reads everything a rendered document shows about inc.
func (r *runner) loadData(cmd *cobra.Command, st *store.Store, inc *domain.Incident, loc *time.Location) (postmortem.Data, error) {
	ms := r.metricsService(st)
	return postmortem.Load(cmd.Context(), postmortem.Sources{
		Incidents: st, Timeline: st, Causes: st, Actions: st, Metrics: st, Lag: ms.DetectionLag,
	}, inc.ID, loc, r.env.Now())
}

// warnProblems prints a template's problems on stderr, one line each; they
// are warnings: the document is still shown or written.
func (r *runner) warnProblems(ref string, problems []postmortem.Problem) {
	for _, p := range problems {
		fmt.Fprintf(r.env.Stderr, "hindsight: warning: %s line %d: %s\n", ref, p.Line, oneLine(p.Message))
	}
}

func (r *runner) pmShowCmd() *cobra.Command {
	var (
		rendered, asJSON bool
		tz               string
	)
	cmd := &cobra.Command{
		Use:   "show INC-0042 [--rendered] [--json]",
		Short: "Print the postmortem's markdown",
		Long: `Print the postmortem's markdown as written, placeholders and all, so that

  hindsight postmortem show INC-0042 > pm.md
  hindsight postmortem edit INC-0042 --file pm.md

changes nothing. With --rendered, the placeholders are filled from the
incident (times in --tz, else the zone in your settings, else the local
zone); a placeholder that is not one is shown as code and named on stderr
with its line.`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			out := postmortemToJSON(pm, inc.Ref())
			if rendered {
				loc, err := st.UserZone(cmd.Context(), tz)
				if err != nil {
					return err
				}
				d, err := r.loadData(cmd, st, inc, loc)
				if err != nil {
					return err
				}
				body, problems := postmortem.Render(pm.Body, d)
				if problems == nil {
					problems = []postmortem.Problem{}
				}
				out.Body, out.Problems = body, &problems
				if !asJSON {
					r.warnProblems(inc.Ref(), problems)
				}
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), out)
			}
			// As written, to the byte: show then edit changes nothing.
			_, err = io.WriteString(cmd.OutOrStdout(), cleanBody(out.Body))
			return err
		}),
	}
	cmd.Flags().BoolVar(&rendered, "rendered", false, "fill in the placeholders from the incident")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the postmortem as JSON")
	cmd.Flags().StringVar(&tz, "tz", "", "show rendered times in this `zone` (default: your settings, else local)")
	return cmd
}

func (r *runner) pmEditCmd() *cobra.Command {
	var (
		file, title, note string
		revision, asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   "edit INC-0042 --file FILE|- [--note NOTE] [--revision]",
		Short: "Replace the draft's markdown with a file's, or stdin's",
		Long: `Replace the draft's markdown with the contents of --file (- for stdin).

The edit is refused, and nothing saved, if the postmortem is not a draft
(exit 2: reopen or withdraw it first) or if it changed between this command
reading it and saving (exit 4). --revision keeps the new text as a revision
with --note; otherwise a revision is kept on its own when the last one is
ten minutes old.`,
		Example: `  hindsight postmortem show INC-0042 > pm.md && $EDITOR pm.md
  hindsight postmortem edit INC-0042 --file pm.md --revision --note "Timeline checked"`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(file) == "" {
				return fieldError("file", "is required: give the file with the new markdown, or - to read stdin")
			}
			body, err := r.readInput(file, domain.MaxPostmortemBody)
			if err != nil {
				return err
			}
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			in := domain.PostmortemEdit{Title: pm.Title, Body: body, Note: note, Revision: revision}
			if cmd.Flags().Changed("title") {
				in.Title = title
			}
			saved, err := st.SavePostmortem(cmd.Context(), pm.ID, in, pm.Version)
			if err != nil {
				return err
			}
			what := "Saved"
			if saved.Version == pm.Version {
				what = "Nothing changed in"
			}
			return reportPostmortem(cmd, saved, inc.Ref(), asJSON, what)
		}),
	}
	fs := cmd.Flags()
	fs.StringVarP(&file, "file", "f", "", "read the new markdown from this `file`, or - for stdin (required)")
	fs.StringVar(&title, "title", "", "change the document's title too")
	fs.StringVar(&note, "note", "", "the note of the revision this save keeps (with --revision, or an autosave)")
	fs.BoolVar(&revision, "revision", false, "keep this text as a revision")
	fs.BoolVar(&asJSON, "json", false, "print the saved postmortem as JSON")
	return cmd
}

type templateJSON struct {
	Name        string `json:"name"`
	Title       string `json:"title"`
	Description string `json:"description"`
	BuiltIn     bool   `json:"builtIn"`
}

func (r *runner) pmTemplatesCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "templates",
		Short: "List the templates a postmortem can start from",
		Args:  noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			_, user, err := r.userTemplates(cmd)
			if err != nil {
				return err
			}
			ts := postmortem.AllTemplates(user)
			if asJSON {
				out := make([]templateJSON, len(ts))
				for k, t := range ts {
					out[k] = templateJSON{t.Name, t.Title, t.Description, t.BuiltIn}
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tTITLE\tDESCRIPTION")
			for _, t := range ts {
				fmt.Fprintf(tw, "%s\t%s\t%s\n", t.Name, clean(t.Title), clean(t.Description))
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of {name, title, description, builtIn}")
	return cmd
}

func (r *runner) pmHintsCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "hints INC-0042",
		Short: "Point at wording that blames a person",
		Long: `Point at wording that tends to blame a person ("human error", "should
have", a person's name followed by "forgot"…), one line each as

  LINE:COL  phrase — suggestion

Code is skipped. The exit code is 1 when there is any hint, so a CI step
can ask for blameless wording before a postmortem is published.`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			people, err := st.People(cmd.Context())
			if err != nil {
				return err
			}
			people = append(people, inc.Commander)
			people = append(append(people, pm.Authors...), pm.Reviewers...)
			phrases, _, err := postmortem.ConfiguredPhrases(cmd.Context(), st)
			if err != nil {
				return err
			}
			hints := postmortem.Hints(pm.Body, phrases, people)
			if asJSON {
				if hints == nil {
					hints = []postmortem.Hint{}
				}
				err = writeJSON(cmd.OutOrStdout(), hints)
			} else {
				bw := bufio.NewWriter(cmd.OutOrStdout())
				for _, h := range hints {
					fmt.Fprintf(bw, "%d:%d  %s — %s\n", h.Line, h.Col, clean(h.Phrase), h.Suggestion)
				}
				err = bw.Flush()
			}
			if err != nil {
				return err
			}
			if len(hints) > 0 {
				return answerError{msg: fmt.Sprintf("%s in the postmortem of %s", plural(len(hints), "blameless-language hint"), inc.Ref())}
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of {line, col, len, phrase, suggestion}")
	return cmd
}

func (r *runner) pmSubmitCmd() *cobra.Command {
	var (
		reviewers []string
		asJSON    bool
	)
	cmd := &cobra.Command{
		Use:     "submit INC-0042 --reviewer NAME [--reviewer NAME...]",
		Short:   "Send a draft for review by the people named",
		Example: `  hindsight postmortem submit INC-0042 --reviewer "Dana Reyes" --reviewer "Sam Okafor"`,
		Args:    oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			names := splitList(reviewers)
			if len(names) == 0 {
				return fieldError("reviewer", "name at least one reviewer, e.g. --reviewer \"Dana Reyes\"")
			}
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			pm, err = st.Submit(cmd.Context(), pm.ID, names)
			if err != nil {
				return renameFields(err, map[string]string{"reviewers": "reviewer"})
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), postmortemToJSON(pm, inc.Ref()))
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Submitted the postmortem of %s for review by %s\n", inc.Ref(), clean(strings.Join(pm.Reviewers, ", ")))
			return err
		}),
	}
	cmd.Flags().StringArrayVar(&reviewers, "reviewer", nil, "a reviewer's `name`; repeat or separate with commas")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the postmortem as JSON")
	cmd.Flags().SetNormalizeFunc(aliases(map[string]string{"reviewers": "reviewer"}))
	return cmd
}

// pending names the reviewers whose latest verdict of the current round is
// not approve.
func pending(pm *domain.Postmortem, reviews []domain.PostmortemReview) []string {
	latest := map[string]string{}
	for _, rv := range reviews {
		if rv.Round == pm.Round {
			latest[strings.ToLower(rv.Reviewer)] = rv.Verdict
		}
	}
	var out []string
	for _, n := range pm.Reviewers {
		if latest[strings.ToLower(n)] != domain.VerdictApprove {
			out = append(out, n)
		}
	}
	return out
}

func (r *runner) pmReviewCmd() *cobra.Command {
	var (
		as, changes     string
		approve, asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "review INC-0042 --as NAME (--approve | --changes COMMENT)",
		Short: "Record a reviewer's verdict",
		Long: `Record a reviewer's verdict on a postmortem in review. When every reviewer
has approved, it is approved; asking for changes sends it back to draft.`,
		Example: `  hindsight postmortem review INC-0042 --as "Dana Reyes" --approve
  hindsight postmortem review INC-0042 --as "Sam Okafor" --changes "Add the pool metrics"`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if strings.TrimSpace(as) == "" {
				return fieldError("as", "is required: name the reviewer giving the verdict")
			}
			gaveChanges := cmd.Flags().Changed("changes")
			if approve == gaveChanges {
				return fieldError("approve", "give either --approve or --changes COMMENT")
			}
			verdict := domain.VerdictApprove
			if gaveChanges {
				verdict = domain.VerdictChanges
			}
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			pm, err = st.Review(cmd.Context(), pm.ID, as, verdict, changes)
			if err != nil {
				return renameFields(err, map[string]string{"reviewer": "as", "comment": "changes"})
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), postmortemToJSON(pm, inc.Ref()))
			}
			who := clean(strings.TrimSpace(as))
			var msg string
			switch pm.Status {
			case domain.PostmortemDraft:
				msg = fmt.Sprintf("%s asked for changes to the postmortem of %s; it is back to Draft", who, inc.Ref())
			case domain.PostmortemApproved:
				msg = fmt.Sprintf("%s approved the postmortem of %s; every reviewer has approved: it is Approved", who, inc.Ref())
			default:
				reviews, err := st.Reviews(cmd.Context(), pm.ID)
				if err != nil {
					return err
				}
				msg = fmt.Sprintf("%s approved the postmortem of %s; still in review, waiting for %s",
					who, inc.Ref(), clean(strings.Join(pending(pm, reviews), ", ")))
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), msg)
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&as, "as", "", "the reviewer's `name`, as given on submit (required)")
	fs.BoolVar(&approve, "approve", false, "approve the postmortem")
	fs.StringVar(&changes, "changes", "", "ask for changes, saying which (`comment`)")
	fs.BoolVar(&asJSON, "json", false, "print the postmortem as JSON")
	return cmd
}

// pmStatusCmd is publish, reopen and withdraw: a move by hand from one of
// the statuses in from.
func (r *runner) pmStatusCmd(name, short string, to domain.PostmortemStatus, verb string, from ...domain.PostmortemStatus) *cobra.Command {
	var (
		comment string
		asJSON  bool
	)
	cmd := &cobra.Command{
		Use:   name + " INC-0042 [--comment TEXT]",
		Short: short,
		Args:  oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			ok := false
			names := make([]string, len(from))
			for k, s := range from {
				ok = ok || pm.Status == s
				names[k] = s.Label()
			}
			if !ok {
				return fieldError("status", "the postmortem of %s is %s; only a postmortem that is %s can be %s",
					inc.Ref(), pm.Status.Label(), strings.Join(names, " or "), map[string]string{
						"publish": "published", "reopen": "reopened", "withdraw": "withdrawn",
					}[name])
			}
			pm, err = st.SetPostmortemStatus(cmd.Context(), pm.ID, to, comment)
			if err != nil {
				return err
			}
			return reportPostmortem(cmd, pm, inc.Ref(), asJSON, verb)
		}),
	}
	cmd.Flags().StringVar(&comment, "comment", "", "why, for the history")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the postmortem as JSON")
	return cmd
}

type revisionJSON struct {
	Number    int    `json:"number"`
	Title     string `json:"title"`
	Size      int    `json:"size"`
	Author    string `json:"author"`
	Note      string `json:"note"`
	CreatedAt string `json:"createdAt"`
}

func (r *runner) pmRevisionsCmd() *cobra.Command {
	var (
		asJSON bool
		tz     string
	)
	cmd := &cobra.Command{
		Use:   "revisions INC-0042",
		Short: "List the kept revisions, newest first",
		Args:  oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := zone(tz)
			if err != nil {
				return err
			}
			st, _, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			revs, err := st.Revisions(cmd.Context(), pm.ID)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]revisionJSON, len(revs))
				for k, v := range revs {
					out[k] = revisionJSON{v.Number, v.Title, v.Size, v.Author, v.Note, formatUTC(v.CreatedAt)}
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "REV\tSAVED\tBY\tSIZE\tNOTE")
			for _, v := range revs {
				at := v.CreatedAt
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\n", v.Number, formatTime(&at, loc), orDash(clean(v.Author)),
					plural(v.Size, "byte"), orDash(clean(v.Note)))
			}
			return tw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print a JSON array of {number, title, size, author, note, createdAt}")
	cmd.Flags().StringVar(&tz, "tz", "", "show times in this `zone` (default the local zone)")
	return cmd
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return unknown
	}
	return s
}

type postmortemSummaryJSON struct {
	ID            string   `json:"id"`
	Incident      string   `json:"incident"`
	IncidentTitle string   `json:"incidentTitle"`
	Severity      string   `json:"severity"`
	Title         string   `json:"title"`
	Status        string   `json:"status"`
	Authors       []string `json:"authors"`
	Reviewers     []string `json:"reviewers"`
	DueDate       *string  `json:"dueDate"`
	Overdue       bool     `json:"overdue"`
	UpdatedAt     string   `json:"updatedAt"`
}

func (r *runner) pmListCmd() *cobra.Command {
	var (
		f        domain.PostmortemFilter
		statuses []string
		asJSON   bool
	)
	cmd := &cobra.Command{
		Use:     "list [--status s,...] [--overdue]",
		Aliases: []string{"ls"},
		Short:   "List postmortems, soonest review due first",
		Long: `List postmortems, soonest review due first (those without a due date
last). A review is due a number of days after the incident was resolved,
by severity: SEV1 3 calendar days, SEV2 5 business days, SEV3 10 business
days, SEV4 none (the settings reviewDueSEV1 to reviewDueSEV4 change them).
It is overdue when the date has passed and the postmortem is not approved
or published; "today" is in --tz, else the zone in your settings, else the
local zone.

With --overdue, the exit code is 1 when any review is overdue (and 0 when
none is), after printing them.`,
		Example: `  hindsight postmortem list --status draft,in_review
  hindsight postmortem list --overdue || notify-the-team`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			for _, s := range splitList(statuses) {
				st, err := domain.ParsePostmortemStatus(s)
				if err != nil {
					return fieldError("status", "%v", err)
				}
				f.Statuses = append(f.Statuses, st)
			}
			if cmd.Flags().Changed("limit") && f.Limit == 0 {
				return fieldError("limit", "must be at least 1")
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			page, err := st.ListPostmortems(cmd.Context(), f)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]postmortemSummaryJSON, len(page.Items))
				for k, p := range page.Items {
					out[k] = postmortemSummaryJSON{
						ID: p.ID, Incident: p.IncidentRef, IncidentTitle: p.IncidentTitle, Severity: string(p.Severity),
						Title: p.Title, Status: string(p.Status), Authors: nonNil(p.Authors), Reviewers: nonNil(p.Reviewers),
						DueDate: nonEmpty(p.DueDate), Overdue: p.Overdue, UpdatedAt: formatUTC(p.UpdatedAt),
					}
				}
				err = writeJSON(cmd.OutOrStdout(), out)
			} else {
				err = writePostmortemList(cmd.OutOrStdout(), page, f)
			}
			if err != nil {
				return err
			}
			if f.ReviewOverdue && page.Total > 0 {
				return answerError{msg: fmt.Sprintf("%s overdue", plural(page.Total, "postmortem review"))}
			}
			return nil
		}),
	}
	fs := cmd.Flags()
	fs.StringArrayVar(&statuses, "status", nil, "only these statuses: draft, in_review, approved, published (repeat or separate with commas)")
	fs.BoolVar(&f.ReviewOverdue, "overdue", false, "only postmortems whose review is overdue; exit 1 if there are any")
	fs.StringVar(&f.Zone, "tz", "", "`zone` whose today decides what is overdue (default: your settings, else local)")
	fs.IntVar(&f.Limit, "limit", domain.DefaultPageSize, fmt.Sprintf("postmortems per page, at most %d", domain.MaxPageSize))
	fs.IntVar(&f.Offset, "offset", 0, "skip this many postmortems (the next page starts at offset+limit)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array of postmortems")
	fs.SetNormalizeFunc(aliases(map[string]string{"statuses": "status"}))
	return cmd
}

func writePostmortemList(w io.Writer, p *domain.PostmortemPage, f domain.PostmortemFilter) error {
	bw := bufio.NewWriter(w)
	if len(p.Items) > 0 {
		tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "INCIDENT\tSEV\tSTATUS\tREVIEW DUE\tREVIEWERS\tTITLE")
		for _, i := range p.Items {
			due := orDash(i.DueDate)
			if i.Overdue {
				due += " (overdue)"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", i.IncidentRef, i.Severity, i.Status, due,
				orDash(clean(strings.Join(i.Reviewers, ", "))), clean(i.Title))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	filtered := len(f.Statuses) > 0 || f.ReviewOverdue
	writePageLine(bw, listPage{p.Total, p.Offset, len(p.Items)}, filtered, "no postmortems match",
		"no postmortems; start one with 'hindsight postmortem create INC-0042'", "")
	return bw.Flush()
}

// userTemplates opens the store and reads the user's templates.
func (r *runner) userTemplates(cmd *cobra.Command) (*store.Store, []postmortem.Template, error) {
	st, err := r.store(cmd)
	if err != nil {
		return nil, nil, err
	}
	user, err := postmortem.UserTemplates(cmd.Context(), st)
	return st, user, err
}

func (r *runner) pmTemplateCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "template",
		Short: "Add, replace or remove one of your postmortem templates",
		Long: `Your templates are markdown with the placeholders of 'hindsight postmortem
templates --placeholders'; they are kept in the database, beside the
built-in ones, and offered in the window too (Settings → Postmortems). A
template of a built-in one's name replaces it.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	var title, description, file string
	save := &cobra.Command{
		Use:   "save NAME --file FILE|- [--title TITLE] [--description TEXT]",
		Short: "Add a template, or replace the one of that name",
		Example: `  hindsight postmortem template save security --file security.md --title "Security incident review"
  hindsight postmortem show INC-0042 | hindsight postmortem template save from-0042 --file -`,
		Args: exactArgs(1, "NAME"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			body, err := r.readInput(file, postmortem.MaxTemplateBody)
			if err != nil {
				return err
			}
			st, user, err := r.userTemplates(cmd)
			if err != nil {
				return err
			}
			t := postmortem.Template{Name: args[0], Title: title, Description: description, Body: body}
			verb, at := "Added", len(user)
			for k := range user {
				if strings.EqualFold(user[k].Name, strings.TrimSpace(args[0])) {
					verb, at = "Replaced", k
				}
			}
			if at == len(user) {
				user = append(user, t)
			} else {
				user[at] = t
			}
			saved, err := postmortem.SaveUserTemplates(cmd.Context(), st, user)
			if err != nil {
				// The saved template's fields are this command's flags.
				field := func(name string) string { return fmt.Sprintf("templates.%d.%s", at, name) }
				return renameFields(err, map[string]string{
					field("body"): "file", field("name"): "name", field("title"): "title", field("description"): "description",
				})
			}
			name := strings.ToLower(strings.TrimSpace(args[0]))
			for _, s := range saved {
				if s.Name == name {
					_, err = fmt.Fprintf(cmd.OutOrStdout(), "%s the template %s: %s\n", verb, s.Name, clean(s.Title))
				}
			}
			return err
		}),
	}
	save.Flags().StringVar(&file, "file", "", "the template's markdown, or - for stdin (required)")
	save.Flags().StringVar(&title, "title", "", "a title for the template list (default: its name)")
	save.Flags().StringVar(&description, "description", "", "one sentence saying when to use it")
	_ = save.MarkFlagRequired("file")
	remove := &cobra.Command{
		Use:   "remove NAME",
		Short: "Remove one of your templates (postmortems started from it keep their text)",
		Args:  exactArgs(1, "NAME"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, user, err := r.userTemplates(cmd)
			if err != nil {
				return err
			}
			kept := user[:0]
			for _, t := range user {
				if !strings.EqualFold(t.Name, strings.TrimSpace(args[0])) {
					kept = append(kept, t)
				}
			}
			if len(kept) == len(user) {
				return domain.Errorf(domain.ENOTFOUND, "you have no template %q; see 'hindsight postmortem templates'", args[0])
			}
			if _, err := postmortem.SaveUserTemplates(cmd.Context(), st, kept); err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Removed the template %s\n", strings.ToLower(strings.TrimSpace(args[0])))
			return err
		}),
	}
	cmd.AddCommand(save, remove)
	return cmd
}

func (r *runner) pmPhrasesCmd() *cobra.Command {
	var (
		file  string
		reset bool
	)
	cmd := &cobra.Command{
		Use:   "phrases [--file FILE|- | --reset]",
		Short: "Show or set the wording the blameless hints point at",
		Long: `Print the phrase list the blameless hints use, one "phrase => suggestion" a
line; with --file, replace it (lines starting with # are comments); with
--reset, go back to Hindsight's list.`,
		Example: `  hindsight postmortem phrases > phrases.txt
  hindsight postmortem phrases --file phrases.txt`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if reset && file != "" {
				return fieldError("reset", "cannot be given with --file")
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			switch {
			case reset:
				_, err = postmortem.SavePhrases(cmd.Context(), st, "")
			case file != "":
				var text string
				if text, err = r.readInput(file, 64<<10); err == nil {
					var ps []postmortem.Phrase
					if ps, err = postmortem.SavePhrases(cmd.Context(), st, text); err == nil {
						_, err = fmt.Fprintf(cmd.OutOrStdout(), "Saved %s\n", plural(len(ps), "phrase"))
						return err
					}
					err = renameFields(err, map[string]string{"phrases": "file"})
				}
			}
			if err != nil || file != "" {
				return err
			}
			ps, custom, err := postmortem.ConfiguredPhrases(cmd.Context(), st)
			if err != nil {
				return err
			}
			if !custom {
				fmt.Fprintln(cmd.OutOrStdout(), "# Hindsight's default list; change it with --file")
			}
			_, err = io.WriteString(cmd.OutOrStdout(), postmortem.FormatPhrases(ps))
			return err
		}),
	}
	cmd.Flags().StringVar(&file, "file", "", "a phrase list to use from now on, or - for stdin")
	cmd.Flags().BoolVar(&reset, "reset", false, "go back to the default list")
	return cmd
}
