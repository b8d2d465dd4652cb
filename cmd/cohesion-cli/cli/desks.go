package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/call-agglo/cohesion/data"
)

func init() {
	commands["desk"] = command{"desk add NOM [--password-file FICHIER] | desk list | desk remove NOM",
		"gère les rôles des postes d'une base partagée (administrateur) : chacun lit et écrit les données, ajoute au journal, rien d'autre", (*cli).cmdDesk}
}

// adminCommands are the administrator's own work on a shared base: its
// connection as the owner is expected there, and not warned about.
var adminCommands = map[string]bool{"init": true, "desk": true, "migrate": true, "restore": true}

func (a *cli) cmdDesk(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("desk", flag.ContinueOnError)
	pwFile := fs.String("password-file", "", "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"indiquez add, list ou remove"}
	}
	db, err := a.open(ctx)
	if err != nil {
		return err
	}
	desks, ok := db.(data.Desks)
	if !ok {
		return data.Errorf(data.EINVALID, "Les postes n'existent que sur une base partagée PostgreSQL (--db postgres://administrateur@serveur/base) : une base SQLite est celle d'un seul poste.")
	}
	switch {
	case pos[0] == "list" && len(pos) == 1:
		return a.listDesks(ctx, desks)
	case pos[0] == "add" && len(pos) == 2:
		pw, err := a.password(*pwFile, pos[1])
		if err != nil {
			return err
		}
		if err := desks.AddDesk(ctx, pos[1], pw); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Poste %s créé : il se connecte avec postgres://%s@…\n", pos[1], pos[1])
		return nil
	case pos[0] == "remove" && len(pos) == 2:
		if err := desks.RemoveDesk(ctx, pos[1]); err != nil {
			return err
		}
		fmt.Fprintf(a.out, "Poste %s retiré.\n", pos[1])
		return nil
	}
	return usageError{"desk add NOM, desk list ou desk remove NOM"}
}

func (a *cli) listDesks(ctx context.Context, desks data.Desks) error {
	list, err := desks.Desks(ctx)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		fmt.Fprintln(a.out, "Aucun poste : cohesion-cli desk add NOM en crée un.")
	}
	for _, d := range list {
		state := ""
		if !d.CanLogin {
			state = " (connexion désactivée)"
		}
		fmt.Fprintln(a.out, d.Name+state)
	}
	return nil
}

// password is the desk's password: the file's first line (its newline is not
// part of it), else typed at the prompt, without echo on a terminal.
func (a *cli) password(file, name string) (string, error) {
	if file != "" {
		raw, err := os.ReadFile(file)
		if err != nil {
			return "", data.Failure(data.EINVALID, "Lecture impossible du fichier de mot de passe "+file+".", err)
		}
		line, _, _ := strings.Cut(string(raw), "\n")
		return strings.TrimSuffix(line, "\r"), nil
	}
	fmt.Fprintf(a.errw, "Mot de passe du poste %s : ", name)
	if f, ok := a.in.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		pw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(a.errw)
		return string(pw), err
	}
	line, err := bufio.NewReader(a.in).ReadString('\n')
	if err != nil && line == "" {
		return "", data.Errorf(data.EINVALID, "Aucun mot de passe lu : tapez-le, ou donnez --password-file FICHIER.")
	}
	return strings.TrimRight(line, "\r\n"), nil
}
