package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/postmortem"
	"github.com/hindsight-app/hindsight/backend/store"
)

func (r *runner) exportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Write postmortems (markdown or HTML) and meetings (markdown) to a folder",
		Long: `Write postmortems to a folder as markdown (with YAML front matter) or HTML,
with each metric snapshot's chart (SVG) and data (CSV) under
assets/<INC-0042>/ beside the document.

Every file of an incident is checked before any is written: if one exists
and --force is not given, nothing of that incident is written and the exit
code is 4. Files are written whole (never half-written), and never outside
--out, even through a symlink.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.exportPostmortemCmd(), r.exportPostmortemsCmd(), r.exportMeetingCmd())
	return cmd
}

// exportFlags are the flags both export commands take.
type exportFlags struct {
	out, format, tz string
	force           bool
}

func (f *exportFlags) register(fs *pflag.FlagSet) {
	fs.StringVarP(&f.out, "out", "o", "", "the `folder` to write into; it must exist (required)")
	fs.StringVar(&f.format, "format", "md", "md or html")
	fs.BoolVar(&f.force, "force", false, "overwrite files that exist")
	fs.StringVar(&f.tz, "tz", "", "show times in this `zone` (default: your settings, else local)")
}

// check reads the flags before anything is opened: the format is known and
// --out is an existing folder.
func (f *exportFlags) check() error {
	f.format = strings.ToLower(strings.TrimSpace(f.format))
	if f.format == "markdown" {
		f.format = "md"
	}
	if !contains(postmortem.Formats, f.format) {
		return fieldError("format", "unknown format %q; use %s", f.format, strings.Join(postmortem.Formats, " or "))
	}
	if strings.TrimSpace(f.out) == "" {
		return fieldError("out", "is required: give the folder to write into")
	}
	fi, err := os.Stat(f.out)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fieldError("out", "%s does not exist; create the folder first", f.out)
	case err != nil:
		return fieldError("out", "cannot open %s: %v", f.out, unwrapPathError(err))
	case !fi.IsDir():
		return fieldError("out", "%s is not a folder", f.out)
	}
	return nil
}

// exportOne writes the postmortem of inc into the folder and prints each
// file written; render problems are warnings on stderr.
func (r *runner) exportOne(cmd *cobra.Command, st *store.Store, inc *domain.Incident, pm *domain.Postmortem, f exportFlags, loc *time.Location) error {
	d, err := r.loadData(cmd, st, inc, loc)
	if err != nil {
		return err
	}
	doc := postmortem.DocumentOf(pm)
	res, err := postmortem.Export(f.out, doc, d, postmortem.Options{Force: f.force, Format: f.format, Version: r.env.Version})
	for _, name := range res.Files {
		if _, perr := fmt.Fprintln(cmd.OutOrStdout(), filepath.Join(f.out, filepath.FromSlash(name))); perr != nil && err == nil {
			err = perr
		}
	}
	if err != nil {
		return forceHint(err)
	}
	r.warnProblems(inc.Ref(), res.Problems)
	return nil
}

// forceHint adds how to overwrite to an export's "already exists".
func forceHint(err error) error {
	if domain.ErrorCode(err) == domain.ECONFLICT {
		return domain.Errorf(domain.ECONFLICT, "%s; use --force to overwrite", domain.ErrorMessage(err))
	}
	return err
}

// inIncident prefixes an error with the incident it is about, keeping its
// code; an internal error stays internal.
func inIncident(ref string, err error) error {
	var de *domain.Error
	if !errors.As(err, &de) {
		return fmt.Errorf("%s: %w", ref, err)
	}
	return domain.Errorf(de.Code, "%s: %s", ref, domain.ErrorMessage(err))
}

func (r *runner) exportPostmortemCmd() *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "postmortem INC-0042 --out DIR [--format md|html] [--force]",
		Short: "Write one incident's postmortem into a folder",
		Example: `  hindsight export postmortem INC-0042 --out docs/postmortems
  hindsight export postmortem 42 --out /tmp/review --format html --force`,
		Args: oneRef,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if err := f.check(); err != nil {
				return err
			}
			st, inc, pm, err := r.postmortem(cmd, args[0])
			if err != nil {
				return err
			}
			loc, err := st.UserZone(cmd.Context(), f.tz)
			if err != nil {
				return err
			}
			return r.exportOne(cmd, st, inc, pm, f, loc)
		}),
	}
	f.register(cmd.Flags())
	return cmd
}

func (r *runner) exportPostmortemsCmd() *cobra.Command {
	var f exportFlags
	cmd := &cobra.Command{
		Use:   "postmortems --out DIR [--format md|html] [--force]",
		Short: "Write the postmortem of every incident that has one into a folder",
		Long: `Write the postmortem of every incident that has one (incidents in the
trash left out) into a folder, in incident order. The first failure names
its incident and stops; what was written before it stays.`,
		Example: `  hindsight export postmortems --out docs/postmortems --force`,
		Args:    noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			if err := f.check(); err != nil {
				return err
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			loc, err := st.UserZone(cmd.Context(), f.tz)
			if err != nil {
				return err
			}
			var refs []string
			filter := domain.PostmortemFilter{Limit: domain.MaxPageSize}
			for {
				page, err := st.ListPostmortems(cmd.Context(), filter)
				if err != nil {
					return err
				}
				for _, p := range page.Items {
					refs = append(refs, p.IncidentRef)
				}
				if len(page.Items) < filter.Limit || len(refs) >= page.Total {
					break
				}
				filter.Offset += len(page.Items)
			}
			if len(refs) == 0 {
				_, err := fmt.Fprintln(cmd.OutOrStdout(), "no postmortems to export")
				return err
			}
			sortRefs(refs)
			for _, ref := range refs {
				_, inc, pm, err := r.postmortem(cmd, ref)
				if err == nil {
					err = r.exportOne(cmd, st, inc, pm, f, loc)
				}
				if err != nil {
					return inIncident(ref, err)
				}
			}
			return nil
		}),
	}
	f.register(cmd.Flags())
	return cmd
}

// sortRefs puts incident references in number order (INC-0009 before
// INC-0010, and past INC-9999 too).
func sortRefs(refs []string) {
	key := func(s string) string {
		n := strings.TrimLeft(strings.TrimPrefix(s, "INC-"), "0")
		return fmt.Sprintf("%020s", n)
	}
	sort.SliceStable(refs, func(i, j int) bool { return key(refs[i]) < key(refs[j]) })
}
