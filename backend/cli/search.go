package cli

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
)

func (r *runner) searchCmd() *cobra.Command {
	var (
		q                           domain.SearchQuery
		kinds, severities, services []string
		from, to, tz                string
		asJSON                      bool
	)
	cmd := &cobra.Command{
		Use:   "search QUERY [flags]",
		Short: "Find incidents, timeline events, causes, postmortems, actions and meetings by their words",
		Long: `Find incidents, timeline events, root causes, postmortems, actions and
meetings (minutes, agenda notes, decisions) by their words, best first.

Every word must occur; case and accents do not matter. The last word also
matches as the start of a word ("conn" finds "connection") unless the query
ends with a space. Words in double quotes match as a phrase. Nothing else
is special: AND, OR, NOT, *, - and : are searched for as plain text.

Incidents in the trash, and all that is under them, are not found.

Matches are shown between ** in the snippet (in bold on a terminal); with
--json, title and snippet keep them between the control characters U+0002
and U+0003 (in jq, gsub("[\u0002\u0003]"; "") drops them). To
search for the word "reindex" itself, add a space: hindsight search "reindex ".`,
		Example: `  hindsight search connection pool
  hindsight search '"pool exhausted"' --kind incident,postmortem
  hindsight search timeout --severity SEV1 --service checkout-api --from 2026-10-01 --json
  hindsight search reindex`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return domain.Errorf(domain.EINVALID, "query: give the words to search for, e.g. '%s connection pool'", cmd.CommandPath())
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			q.Text = strings.Join(args, " ")
			q.Kinds, q.Severities, q.Services = splitList(kinds), splitList(severities), splitList(services)
			if cmd.Flags().Changed("limit") && q.Limit == 0 {
				return fieldError("limit", "must be at least 1")
			}
			// Bad flags are reported before the database is opened.
			if err := (&domain.SearchQuery{Text: q.Text, Kinds: append([]string(nil), q.Kinds...),
				Severities: append([]string(nil), q.Severities...), Limit: q.Limit, Offset: q.Offset}).Check(); err != nil {
				return err
			}
			st, loc, err := r.storeZone(cmd, tz)
			if err != nil {
				return err
			}
			if q.From, q.To, err = searchDates(from, to, loc); err != nil {
				return err
			}
			page, err := st.Search(cmd.Context(), q)
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]searchHitJSON, len(page.Hits))
				for k := range page.Hits {
					out[k] = searchHitToJSON(&page.Hits[k])
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			return writeSearch(cmd.OutOrStdout(), page, q.Text, loc, isTerminal(r.env.Stdout))
		}),
	}
	fs := cmd.Flags()
	fs.StringArrayVar(&kinds, "kind", nil, "only these `kinds` ("+strings.Join(domain.SearchKinds, ", ")+"), comma-separated or repeated")
	fs.StringArrayVar(&severities, "severity", nil, "only what belongs to incidents of these `severities`")
	fs.StringArrayVar(&services, "service", nil, "only what belongs to incidents affecting these `services`")
	fs.StringVar(&from, "from", "", "only from this `date` (YYYY-MM-DD, or a date and time) on")
	fs.StringVar(&to, "to", "", "only up to this `date` (YYYY-MM-DD, the whole day; or a date and time)")
	fs.StringVar(&tz, "tz", "", "`zone` of the dates, and of the times shown (default: your settings, else local)")
	fs.IntVar(&q.Limit, "limit", domain.DefaultSearchLimit, fmt.Sprintf("hits per page, at most %d", domain.MaxSearchLimit))
	fs.IntVar(&q.Offset, "offset", 0, "skip this many hits (the next page starts at offset+limit)")
	fs.BoolVar(&asJSON, "json", false, "print a JSON array of hits")
	fs.SetNormalizeFunc(aliases(map[string]string{"kinds": "kind", "severities": "severity", "services": "service", "zone": "tz"}))
	cmd.AddCommand(r.searchReindexCmd())
	return cmd
}

// searchDates reads --from and --to: a date alone is the start of that day
// in loc, and --to takes the whole day (up to the start of the next).
func searchDates(from, to string, loc *time.Location) (f, t *time.Time, err error) {
	fe := domain.FieldErrors{}
	read := func(name, s string, endOfDay bool) *time.Time {
		s = strings.TrimSpace(s)
		if s == "" {
			return nil
		}
		if d, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
			if endOfDay {
				d = d.AddDate(0, 0, 1)
			}
			d = d.UTC()
			return &d
		}
		v, err := domain.ParseTime(s, loc)
		if err != nil {
			fe.Add(name, "%v", err)
			return nil
		}
		return &v
	}
	f, t = read("from", from, false), read("to", to, true)
	return f, t, fe.Err()
}

// searchHitJSON is a hit in --json output; fields may be added, never
// renamed or removed. title and snippet keep the highlight markers
// (U+0002 before a match, U+0003 after it).
type searchHitJSON struct {
	Kind        string  `json:"kind"`
	ID          string  `json:"id"`
	ItemID      string  `json:"itemId,omitempty"`
	Ref         string  `json:"ref"`
	IncidentRef string  `json:"incidentRef,omitempty"`
	Title       string  `json:"title"`
	Snippet     string  `json:"snippet"`
	At          *string `json:"at"`
	Severity    string  `json:"severity,omitempty"`
	Rank        float64 `json:"rank"`
}

func searchHitToJSON(h *domain.SearchHit) searchHitJSON {
	return searchHitJSON{Kind: h.Kind, ID: h.ID, ItemID: h.ItemID, Ref: h.Ref, IncidentRef: h.IncidentRef,
		Title: h.Title, Snippet: h.Snippet, At: jsonTime(h.At), Severity: h.Severity, Rank: h.Rank}
}

// marked prints text with its highlight markers as ANSI bold on a
// terminal and as **…** otherwise, the rest cleaned of control characters.
func marked(s string, terminal bool) string {
	on, off := "**", "**"
	if terminal {
		on, off = "\033[1m", "\033[22m"
	}
	var b strings.Builder
	for _, part := range strings.SplitAfter(s, domain.HighlightEnd) {
		before, match, found := strings.Cut(part, domain.HighlightStart)
		b.WriteString(clean(before))
		if found {
			b.WriteString(on + clean(strings.TrimSuffix(match, domain.HighlightEnd)) + off)
		}
	}
	return b.String()
}

func writeSearch(w io.Writer, p *domain.SearchPage, text string, loc *time.Location, terminal bool) error {
	bw := bufio.NewWriter(w)
	if len(p.Hits) == 0 {
		if p.Offset > 0 {
			fmt.Fprintf(bw, "no more matches for %q: --offset %d is past the end\n", clean(text), p.Offset)
		} else {
			fmt.Fprintf(bw, "no matches for %q\n", clean(text))
		}
		return bw.Flush()
	}
	tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "KIND\tREF\tWHEN\tTITLE")
	for k := range p.Hits {
		h := &p.Hits[k]
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", h.Kind, h.Ref, formatTime(h.At, loc), marked(h.Title, terminal))
		if s := strings.TrimSpace(h.Snippet); s != "" {
			fmt.Fprintf(tw, "\t\t\t  %s\n", marked(s, terminal))
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	line := fmt.Sprintf("showing %d–%d", p.Offset+1, p.Offset+len(p.Hits))
	if p.HasMore {
		line += fmt.Sprintf("; more with --offset %d", p.Offset+len(p.Hits))
	}
	fmt.Fprintln(bw, line)
	return bw.Flush()
}

func (r *runner) searchReindexCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reindex",
		Short: "Rebuild the search index from the stored data",
		Long: `Rebuild the search index from the stored data, in one transaction: until
it finishes, searches use the old index, and if it fails nothing changed.
The index is kept up to date with every change, so this is only needed
after a bug or a hand edit of the database. Progress goes to stderr.`,
		Args: noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			start := time.Now()
			terminal := isTerminal(r.env.Stderr)
			last := time.Time{}
			progress := func(done, total int) {
				if !terminal || time.Since(last) < 100*time.Millisecond && done < total {
					return
				}
				last = time.Now()
				fmt.Fprintf(r.env.Stderr, "\r\033[Kindexing %d/%d", done, total)
			}
			n, err := st.Reindex(cmd.Context(), progress)
			if terminal {
				fmt.Fprint(r.env.Stderr, "\r\033[K")
			}
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Indexed %s in %s\n", plural(n, "document"), time.Since(start).Round(time.Millisecond))
			return err
		}),
	}
}
