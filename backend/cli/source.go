package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/hindsight-app/hindsight/backend/domain"
	"github.com/hindsight-app/hindsight/backend/metrics"
	"github.com/hindsight-app/hindsight/backend/store"
)

// keyring is where sources' secrets are kept: the OS keyring. Tests
// replace it with a map, so that they never touch the real one.
var keyring = metrics.Keyring

// maxSecret bounds what --secret-stdin reads: a token is at most a few
// kilobytes (a JWT), and a mistaken pipe of a large file should not end up
// in the keyring.
const maxSecret = 16 << 10

func (r *runner) sourceCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "source",
		Aliases: []string{"sources"},
		Short:   "Add, list, test and remove monitoring sources (Prometheus, Graphite)",
		Long: `Add, list, test and remove monitoring sources: the Prometheus or Graphite
APIs that 'hindsight snapshot' fetches metrics from.

A source is named by its name (case does not matter) or its id. Its token or
password is never stored in the database and never given as a flag: either
--secret-stdin reads it from stdin into the OS keyring, or --secret-env names
an environment variable that holds it when Hindsight runs.

With --json, list prints a JSON array of

  {"id", "name", "kind", "url", "auth", "username", "secret", "secretEnv",
   "caFile", "skipVerify", "timeoutSeconds", "createdAt", "updatedAt"}

where secret says where the secret lives: "keyring", "env" or "none". Fields
are only ever added.`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(r.sourceAddCmd(), r.sourceListCmd(), r.sourceTestCmd(), r.sourceRemoveCmd())
	return cmd
}

// oneSource requires exactly one source argument.
func oneSource(cmd *cobra.Command, args []string) error {
	switch {
	case len(args) == 0:
		return domain.Errorf(domain.EINVALID, "name the source, e.g. '%s prod-prometheus'", cmd.CommandPath())
	case len(args) > 1:
		return domain.Errorf(domain.EINVALID, "%s takes one source; got %d arguments", cmd.CommandPath(), len(args))
	}
	return nil
}

// sourceFlagNames maps the fields of domain.SourceInput to the flags that
// set them, so that an error names what the person typed.
var sourceFlagNames = map[string]string{
	"username": "user", "secretEnv": "secret-env", "caFile": "ca-file", "timeoutSeconds": "timeout", "skipVerify": "insecure-skip-verify",
}

// renameFields renames the fields of an EINVALID error; other errors pass
// through.
func renameFields(err error, names map[string]string) error {
	var de *domain.Error
	if !errors.As(err, &de) || de.Code != domain.EINVALID || len(de.Fields) == 0 {
		return err
	}
	fe := domain.FieldErrors{}
	for k, v := range de.Fields {
		if to, ok := names[k]; ok {
			k = to
		}
		fe.Add(k, "%s", v)
	}
	return fe.Err()
}

// usesKeyring says whether the source's secret lives in the OS keyring.
func usesKeyring(s *domain.MetricSource) bool {
	return s.Auth != domain.AuthNone && s.SecretEnv == ""
}

// secretPlace says where a source's secret lives, for list.
func secretPlace(s *domain.MetricSource) string {
	switch {
	case s.Auth == domain.AuthNone:
		return "none"
	case s.SecretEnv != "":
		return "env"
	default:
		return "keyring"
	}
}

// unavailable words a failure of the keyring that is not already a domain
// error.
func unavailable(err error, format string, args ...any) error {
	var de *domain.Error
	if errors.As(err, &de) {
		return err
	}
	return domain.Errorf(domain.EUNAVAILABLE, format+": %v", append(args, err)...)
}

func (r *runner) sourceAddCmd() *cobra.Command {
	var (
		in          domain.SourceInput
		timeout     time.Duration
		secretStdin bool
	)
	cmd := &cobra.Command{
		Use:   "add NAME --kind prometheus|graphite --url URL [flags]",
		Short: "Add a monitoring source",
		Long: `Add a monitoring source.

--auth bearer sends a token, --auth basic a user name (--user) and password.
The token or password is read from stdin with --secret-stdin and kept in the
OS keyring, or read from the environment variable --secret-env names each
time Hindsight connects. It is never accepted as a flag, which would leave it
in the shell's history.

--insecure-skip-verify turns off TLS certificate checks for this source: use
it only for a server you reach over a network you trust; --ca-file is the
better choice for a private certificate authority.`,
		Example: `  hindsight source add prod-prom --kind prometheus --url https://prometheus.example.com
  pass show prometheus | hindsight source add prod-prom --kind prometheus \
    --url https://prometheus.example.com --auth bearer --secret-stdin
  hindsight source add graphite --kind graphite --url http://graphite:8080 \
    --auth basic --user ops --secret-env GRAPHITE_PASSWORD`,
		Args: oneSource,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			in.Name = args[0]
			fs := cmd.Flags()
			if fs.Changed("timeout") {
				if timeout < time.Second || timeout%time.Second != 0 {
					return fieldError("timeout", "%s is not a whole number of seconds (at least 1s), e.g. 30s or 2m", timeout)
				}
				in.TimeoutSeconds = int(timeout / time.Second)
			}
			if strings.TrimSpace(in.CAFile) != "" {
				// The window runs from another folder: keep the full path.
				abs, err := filepath.Abs(strings.TrimSpace(in.CAFile))
				if err == nil {
					_, err = os.Stat(abs)
				}
				if err != nil {
					return fieldError("ca-file", "cannot read %s: %v", in.CAFile, unwrapPathError(err))
				}
				in.CAFile = abs
			}
			var secret string
			if secretStdin {
				if fs.Changed("secret-env") {
					return fieldError("secret-stdin", "give --secret-stdin or --secret-env, not both")
				}
				var err error
				if secret, err = r.readSecret(); err != nil {
					return err
				}
			}
			src, err := in.Validate()
			if err != nil {
				return renameFields(err, sourceFlagNames)
			}
			switch {
			case src.Auth == domain.AuthNone && secret != "":
				return fieldError("secret-stdin", "the source has no authentication; add --auth bearer or --auth basic")
			case usesKeyring(src) && secret == "":
				return fieldError("auth", "%s authentication needs the %s: pipe it in with --secret-stdin (kept in the OS keyring) or name a variable with --secret-env",
					src.Auth, map[domain.AuthKind]string{domain.AuthBearer: "token", domain.AuthBasic: "password"}[src.Auth])
			}
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			saved, err := st.CreateSource(cmd.Context(), in)
			if err != nil {
				return renameFields(err, sourceFlagNames)
			}
			if secret != "" {
				if err := keyring().Set(saved.ID, secret); err != nil {
					// Without its secret the source cannot connect: take it
					// back rather than leave it half made.
					if derr := st.DeleteSource(cmd.Context(), saved.ID); derr != nil {
						r.logger().Warn("remove source after keyring failure", "source", saved.Name, "err", derr)
					}
					return unavailable(err, "the OS keyring did not store the secret of %s, so the source was not added", saved.Name)
				}
			}
			if saved.SkipVerify {
				fmt.Fprintf(cmd.ErrOrStderr(), "warning: TLS certificates of %s are not verified (--insecure-skip-verify); anyone on the network path can read and change what it sends\n", saved.Name)
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Added source %s (%s, %s; secret: %s)\n", saved.Name, saved.Kind, saved.URL, secretText(saved))
			return err
		}),
	}
	fs := cmd.Flags()
	fs.StringVar(&in.Kind, "kind", "", "prometheus or graphite (required)")
	fs.StringVar(&in.URL, "url", "", "the API's base `URL`, e.g. http://localhost:9090 (required)")
	fs.StringVar(&in.Auth, "auth", "none", "none, bearer or basic")
	fs.StringVar(&in.Username, "user", "", "user name for --auth basic")
	fs.StringVar(&in.SecretEnv, "secret-env", "", "environment `variable` holding the token or password")
	fs.BoolVar(&secretStdin, "secret-stdin", false, "read the token or password from stdin and keep it in the OS keyring")
	fs.StringVar(&in.CAFile, "ca-file", "", "PEM `file` of extra certificate authorities to trust")
	fs.BoolVar(&in.SkipVerify, "insecure-skip-verify", false, "do not verify the server's TLS certificate (warns)")
	fs.DurationVar(&timeout, "timeout", 30*time.Second, "time limit of one request")
	fs.SetNormalizeFunc(aliases(map[string]string{"username": "user", "ca": "ca-file"}))
	return cmd
}

// readSecret reads a token or password from stdin: one line, its line end
// dropped.
func (r *runner) readSecret() (string, error) {
	if isTerminal(r.env.Stdin) {
		// Typed at a terminal the secret would show on the screen and stay
		// in its scrollback.
		return "", fieldError("secret-stdin", "reads the token or password from a pipe, e.g. 'pass show prometheus | hindsight source add ...'; stdin is a terminal")
	}
	b, err := io.ReadAll(io.LimitReader(r.env.Stdin, maxSecret+1))
	if err != nil {
		return "", fieldError("secret-stdin", "cannot read stdin: %v", err)
	}
	if len(b) > maxSecret {
		return "", fieldError("secret-stdin", "stdin holds more than %d KiB; a token or password is one line", maxSecret>>10)
	}
	s := strings.TrimRight(string(b), "\r\n")
	switch {
	case strings.TrimSpace(s) == "":
		return "", fieldError("secret-stdin", "stdin is empty; pipe the token or password in, e.g. 'pass show prometheus | hindsight source add ...'")
	case strings.ContainsAny(s, "\r\n"):
		return "", fieldError("secret-stdin", "stdin holds several lines; a token or password is one line")
	}
	return s, nil
}

// secretText says where the secret lives, for people.
func secretText(s *domain.MetricSource) string {
	switch secretPlace(s) {
	case "env":
		return "env " + s.SecretEnv
	case "keyring":
		return "OS keyring"
	}
	return "none"
}

// sourceJSON is a source in --json output. It never holds a secret: only
// where the secret lives. Fields are only ever added.
type sourceJSON struct {
	ID             string `json:"id"`
	Name           string `json:"name"`
	Kind           string `json:"kind"`
	URL            string `json:"url"`
	Auth           string `json:"auth"`
	Username       string `json:"username"`
	Secret         string `json:"secret"`
	SecretEnv      string `json:"secretEnv"`
	CAFile         string `json:"caFile"`
	SkipVerify     bool   `json:"skipVerify"`
	TimeoutSeconds int    `json:"timeoutSeconds"`
	CreatedAt      string `json:"createdAt"`
	UpdatedAt      string `json:"updatedAt"`
}

func sourceToJSON(s *domain.MetricSource) sourceJSON {
	return sourceJSON{ID: s.ID, Name: s.Name, Kind: string(s.Kind), URL: s.URL, Auth: string(s.Auth), Username: s.Username,
		Secret: secretPlace(s), SecretEnv: s.SecretEnv, CAFile: s.CAFile, SkipVerify: s.SkipVerify,
		TimeoutSeconds: int(s.Timeout() / time.Second), CreatedAt: formatUTC(s.CreatedAt), UpdatedAt: formatUTC(s.UpdatedAt)}
}

func (r *runner) sourceListCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List the monitoring sources and where their secrets live",
		Args:  noArgs,
		RunE: run(func(cmd *cobra.Command, _ []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			list, err := st.ListSources(cmd.Context())
			if err != nil {
				return err
			}
			if asJSON {
				out := make([]sourceJSON, len(list))
				for k := range list {
					out[k] = sourceToJSON(&list[k])
				}
				return writeJSON(cmd.OutOrStdout(), out)
			}
			bw := bufio.NewWriter(cmd.OutOrStdout())
			if len(list) == 0 {
				fmt.Fprintln(bw, "no sources; add one with 'hindsight source add'")
				return bw.Flush()
			}
			tw := tabwriter.NewWriter(bw, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tKIND\tURL\tAUTH\tSECRET\tTLS\tTIMEOUT")
			for k := range list {
				s := &list[k]
				auth := string(s.Auth)
				if s.Auth == domain.AuthBasic {
					auth += " (" + clean(s.Username) + ")"
				}
				tls := "verified"
				switch {
				case strings.HasPrefix(strings.ToLower(s.URL), "http://"):
					tls = "none (http)"
				case s.SkipVerify:
					tls = "NOT VERIFIED"
				case s.CAFile != "":
					tls = "CA " + clean(s.CAFile)
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", clean(s.Name), s.Kind, clean(s.URL), auth, secretText(s), tls, s.Timeout())
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			return bw.Flush()
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the sources as a JSON array")
	return cmd
}

// metricsService is the metrics service over the store, with the keyring
// and the CLI's environment and clock.
func (r *runner) metricsService(st *store.Store) *metrics.Service {
	return &metrics.Service{Store: st, Incidents: st, Timeline: st, Secrets: keyring(), Getenv: r.env.Getenv, Now: r.env.Now}
}

func (r *runner) sourceTestCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "test NAME",
		Short: "Connect to a source and say what answered",
		Long: `Connect to a source and say what answered (its version and how long it
took). Exits 6 when the source cannot be reached or refuses.`,
		Args: oneSource,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			src, err := st.GetSource(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			secret, err := metrics.SecretFor(src, keyring(), r.env.Getenv)
			if err != nil {
				return err
			}
			res, err := r.metricsService(st).TestSource(cmd.Context(), src, secret)
			if err != nil {
				return err
			}
			_, err = fmt.Fprintln(cmd.OutOrStdout(), clean(res.Message))
			return err
		}),
	}
	return cmd
}

func (r *runner) sourceRemoveCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:     "remove NAME",
		Aliases: []string{"rm", "delete"},
		Short:   "Remove a source, its saved queries and its secret in the keyring",
		Long: `Remove a source, its saved queries and its secret in the OS keyring.
Snapshots taken from it stay: they keep the source's name and URL.`,
		Args: oneSource,
		RunE: run(func(cmd *cobra.Command, args []string) error {
			st, err := r.store(cmd)
			if err != nil {
				return err
			}
			src, err := st.GetSource(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if err := st.DeleteSource(cmd.Context(), src.ID); err != nil {
				return err
			}
			if usesKeyring(src) {
				if err := keyring().Delete(src.ID); err != nil {
					// The source is gone either way; say what is left behind.
					fmt.Fprintf(cmd.ErrOrStderr(), "warning: the secret of %s may still be in the OS keyring: %s\n", src.Name, oneLine(err.Error()))
				}
			}
			_, err = fmt.Fprintf(cmd.OutOrStdout(), "Removed source %s\n", src.Name)
			return err
		}),
	}
	return cmd
}
