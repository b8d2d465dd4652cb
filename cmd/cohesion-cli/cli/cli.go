// Package cli is cohesion-cli's commands. It knows the store only through the
// domain's interfaces (data.Store, data.Bases): the main gives it the adapters.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"regexp"
	"sort"
	"strings"

	"github.com/call-agglo/cohesion"
	"github.com/call-agglo/cohesion/cmd/internal/logfile"
	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/seed"
)

// Run is the whole program, callable from tests: it returns the exit status.
func Run(bases data.Bases, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &cli{bases: bases, in: stdin, out: stdout, errw: stderr}
	return a.run(args)
}

type cli struct {
	bases     data.Bases
	in        io.Reader
	out, errw io.Writer
	dbPath    string // the base's address: a file, or postgres://…
	campaign  string
	command   string // the command's name
	db        data.Store
	// reading: the command only reads the base (a document), which it
	// opens without SQLite's integrity check after a clean stop
	// (data.OpenOptions.Reading).
	reading bool
}

type command struct {
	usage string
	help  string
	run   func(a *cli, ctx context.Context, args []string) error
}

// commands lists every command; their names are a contract other tools rely on.
var commands = map[string]command{
	"init": {"init [--demo]", "crée la base avec la campagne par défaut (et le jeu de démonstration fictif)", (*cli).cmdInit},
	"import": {"import applications FICHIER [--dry-run] [--mapping NOM] [--update] [--format text|json] | import scores FICHIER… [--dry-run] [--create-jurors]",
		"importe des dossiers ou des grilles de notation (.csv ou .xlsx), tout ou rien", (*cli).cmdImport},
	"applications": {"applications [--format table|csv|json]", "liste le registre des dossiers", (*cli).cmdApplications},
	"campaigns":    {"campaigns", "liste les campagnes de la base", (*cli).cmdCampaigns},
	"gen":          {"gen --applications N [--seed S]", "génère N dossiers synthétiques (campagne SYNTH) pour les mesures", (*cli).cmdGen},
}

// usageError is a mistake in the command line: the usage follows the message.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

// ErrorCode makes a mistake in the command line the user's, not an internal error.
func (e usageError) ErrorCode() string { return data.EINVALID }

func (a *cli) usage() {
	fmt.Fprintln(a.errw, cohesion.App.Title()+" — ligne de commande")
	fmt.Fprintln(a.errw, "Utilisation : cohesion-cli [--db CHEMIN] [--campaign CODE] COMMANDE [options]")
	fmt.Fprintln(a.errw, "             cohesion-cli --version")
	fmt.Fprintln(a.errw, "\nCommandes :")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(a.errw, "  %s\n      %s\n", commands[n].usage, commands[n].help)
	}
	from := ""
	if s, ok := a.bases.(interface{ DefaultSource() string }); ok {
		from = "\n  (d'où elle vient : " + s.DefaultSource() + ")"
	}
	fmt.Fprintf(a.errw, "\nBase utilisée sans --db : %s%s\n", a.bases.DefaultAddress(), from)
	fmt.Fprintln(a.errw, "Ordre : --db, la variable COHESION_DB, la stratégie de groupe, l'adresse donnée à l'installation (COHESION_DB=… du MSI), la base de ce poste ;\n--db postgres://utilisateur@serveur/base ouvre une base partagée.\nSans --campaign : la variable COHESION_CAMPAIGN, sinon la campagne réelle la plus récente.")
}

func (a *cli) run(args []string) int {
	global := flag.NewFlagSet("cohesion-cli", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	global.StringVar(&a.dbPath, "db", "", "")
	global.StringVar(&a.campaign, "campaign", os.Getenv("COHESION_CAMPAIGN"), "")
	version := global.Bool("version", false, "")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			a.usage()
			return 0
		}
		fmt.Fprintln(a.errw, "cohesion-cli : "+frenchFlagError(err))
		a.usage()
		return 2
	}
	if *version {
		fmt.Fprintln(a.out, cohesion.App.Title())
		return 0
	}
	rest := global.Args()
	if len(rest) == 0 {
		a.usage()
		return 2
	}
	name := rest[0]
	if name == "help" || name == "aide" {
		a.usage()
		return 0
	}
	a.command = name
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(a.errw, "cohesion-cli : commande inconnue « %s »\n", name)
		a.usage()
		return 2
	}
	a.moveOld()
	if a.dbPath == "" {
		a.dbPath = a.bases.DefaultAddress()
	}
	logfile.Start(a.bases.LogFolder(a.dbPath))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := cmd.run(a, ctx, rest[1:])
	if a.db != nil {
		a.db.Close()
	}
	if errors.Is(err, errHelp) {
		fmt.Fprintln(a.out, "Utilisation : cohesion-cli "+cmd.usage+"\n  "+cmd.help)
		return 0
	}
	if err != nil {
		fmt.Fprintln(a.errw, "cohesion-cli : "+data.ErrorMessage(err))
		if hint := corruptHint(err); hint != "" {
			fmt.Fprintln(a.errw, hint)
		}
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(a.errw, "Utilisation : cohesion-cli "+cmd.usage)
			return 2
		}
		return 1
	}
	return 0
}

// moveOld moves the desk's base out of the roaming profile, as the window
// does on its first start (backend.Bases.MoveOld), and says so.
func (a *cli) moveOld() {
	m, ok := a.bases.(interface{ MoveOld() (string, error) })
	if !ok {
		return
	}
	msg, err := m.MoveOld()
	if msg != "" {
		fmt.Fprintln(a.errw, "cohesion-cli : "+msg)
	}
	if err != nil {
		fmt.Fprintln(a.errw, "cohesion-cli : attention : "+data.ErrorMessage(err))
	}
}

// open opens the base, creating and seeding it on first use like the GUI does.
func (a *cli) open(ctx context.Context) (data.Store, error) {
	if a.db != nil {
		return a.db, nil
	}
	db, err := a.openBase(ctx)
	if err != nil {
		return nil, err
	}
	if _, err := seed.EnsureDefault(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	a.db = db
	return db, nil
}

// openBase opens the base and says what the user must know about it on the
// error output, where it does not mix with a command's CSV or JSON.
func (a *cli) openBase(ctx context.Context) (data.Store, error) {
	db, err := a.bases.Open(ctx, a.dbPath, data.OpenOptions{Reading: a.reading})
	if err != nil {
		return nil, err
	}
	a.warn(db)
	return db, nil
}

// warn says on the error output what the user should know about the base
// (a desk connected as the owner of a shared base…); the administrator's own
// commands are not warned of its connection as the owner.
func (a *cli) warn(db data.Store) {
	w, ok := db.(data.Warner)
	if !ok {
		return
	}
	for _, msg := range w.Warnings() {
		if !(msg.AsOwner && adminCommands[a.command]) {
			fmt.Fprintln(a.errw, "cohesion-cli : attention : "+data.Plain(msg.Text))
		}
	}
}

// current opens the base and loads the campaign named by --campaign.
func (a *cli) current(ctx context.Context) (data.Store, *data.Campaign, error) {
	db, err := a.open(ctx)
	if err != nil {
		return nil, nil, err
	}
	c, err := db.CampaignByCode(ctx, a.campaign)
	return db, c, err
}

// errHelp is -h on a command: its usage is printed and the exit status is 0.
var errHelp = errors.New("aide")

// parse reads a command's flags wherever they stand among its arguments
// (« import applications x.csv --dry-run » as well as before the file).
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usageError{frenchFlagError(err)}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// noArgs reads a command's flags and refuses any other argument.
func noArgs(fs *flag.FlagSet, args []string) error {
	pos, err := parse(fs, args)
	if err == nil && len(pos) > 0 {
		err = usageError{"argument inattendu « " + pos[0] + " »"}
	}
	return err
}

// checkFormat refuses an output format the command does not offer.
func checkFormat(format string, allowed ...string) error {
	for _, a := range allowed {
		if format == a {
			return nil
		}
	}
	return usageError{"format inconnu « " + format + " » (" + strings.Join(allowed[:len(allowed)-1], ", ") + " ou " + allowed[len(allowed)-1] + ")"}
}

var (
	reInvalidValue = regexp.MustCompile(`^invalid (?:boolean )?value "(.*)" for (?:flag )?-(\S+): .*$`)
	reBadSyntax    = regexp.MustCompile(`^bad flag syntax: (.*)$`)
)

func frenchFlagError(err error) string {
	msg := err.Error()
	switch {
	case strings.HasPrefix(msg, "flag provided but not defined: "):
		return "option inconnue " + strings.TrimPrefix(msg, "flag provided but not defined: ")
	case strings.HasPrefix(msg, "flag needs an argument: "):
		return "l'option " + strings.TrimPrefix(msg, "flag needs an argument: ") + " attend une valeur"
	}
	if m := reInvalidValue.FindStringSubmatch(msg); m != nil {
		return "valeur invalide « " + m[1] + " » pour l'option --" + m[2]
	}
	if m := reBadSyntax.FindStringSubmatch(msg); m != nil {
		return "option mal écrite « " + m[1] + " »"
	}
	return "ligne de commande invalide (" + msg + ")"
}
