package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/call-agglo/cohesion/data"
	"github.com/call-agglo/cohesion/data/campaign"
)

func init() {
	commands["status"] = command{"status NUMÉRO…|--all-received recevable|irrecevable|en-instruction [--reason TEXTE]",
		"instruit les dossiers : les déclare recevables (pièces exigées, ou dérogation motivée), irrecevables (motif obligatoire) ou les remet en instruction", (*cli).cmdStatus}
}

// instructionTarget reads the status asked for: « en-instruction » puts a
// dossier back among those in instruction, as « Reçu ».
func instructionTarget(s string) (data.Status, error) {
	switch data.FoldKey(s) {
	case data.FoldKey("recevable"):
		return data.StatusRecevable, nil
	case data.FoldKey("irrecevable"):
		return data.StatusIrrecevable, nil
	case data.FoldKey("en-instruction"), data.FoldKey("en instruction"):
		return data.StatusRecu, nil
	}
	return "", usageError{fmt.Sprintf("statut « %s » : indiquez recevable, irrecevable ou en-instruction", s)}
}

// cmdStatus rules on dossiers' admissibility with the screen's rule
// (data.CheckInstruction, applied again by the store with its journal). Every
// dossier is checked first: if one is refused, nothing is written, and each
// refusal is named.
func (a *cli) cmdStatus(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("status", flag.ContinueOnError)
	reason := fs.String("reason", "", "")
	all := fs.Bool("all-received", false, "")
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || (*all && len(pos) != 1) || (!*all && len(pos) < 2) {
		return usageError{"indiquez les numéros des dossiers (ou --all-received) puis recevable, irrecevable ou en-instruction"}
	}
	to, err := instructionTarget(pos[len(pos)-1])
	if err != nil {
		return err
	}
	db, c, err := a.current(ctx)
	if err != nil {
		return err
	}
	snap, err := db.Snapshot(ctx, c.ID, data.SnapshotOptions{Applications: true})
	if err != nil {
		return err
	}
	todo, err := instructionTodo(snap, pos[:len(pos)-1], *all, to)
	if err != nil {
		return err
	}
	var refused []string
	exempted := 0
	for _, ap := range todo {
		in := data.Instruction{To: to, Reason: *reason}
		if err := data.CheckInstruction(c, ap, &in); err != nil {
			refused = append(refused, data.ErrorMessage(err))
		} else if in.Exemption != "" {
			exempted++
		}
	}
	if len(refused) > 0 {
		return data.Errorf(data.EINVALID, "%s : rien n'a été écrit.\n%s", data.Count(len(refused), "dossier refusé", "dossiers refusés"), strings.Join(refused, "\n"))
	}
	for _, ap := range todo {
		if err := db.ChangeStatus(ctx, ap.ID, to, *reason); err != nil {
			return fmt.Errorf("%s : %w", ap.Number, err)
		}
	}
	fmt.Fprintln(a.out, data.Plain(instructionDone(len(todo), to, exempted)))
	return nil
}

// instructionTodo picks the dossiers named, or with all every dossier still
// in instruction (those already there when the target is « en instruction »
// are left as they are).
func instructionTodo(snap *data.Snapshot, numbers []string, all bool, to data.Status) ([]*data.Application, error) {
	byNumber := make(map[string]*data.Application, len(snap.Applications))
	var out []*data.Application
	for i := range snap.Applications {
		ap := &snap.Applications[i]
		byNumber[ap.Number] = ap
		if all && ap.Status.InInstruction() && to != data.StatusRecu {
			out = append(out, ap)
		}
	}
	for _, n := range numbers {
		ap, ok := byNumber[strings.TrimSpace(n)]
		if !ok {
			return nil, data.Errorf(data.ENOTFOUND, "Aucun dossier ne porte le numéro %s.", n)
		}
		if to == data.StatusRecu && ap.Status.InInstruction() {
			continue // already in instruction: nothing to do
		}
		out = append(out, ap)
	}
	return out, nil
}

// instructionDone says what was written: « 3 dossiers déclarés recevables,
// dont 1 par dérogation ».
func instructionDone(n int, to data.Status, exempted int) string {
	var s string
	switch to {
	case data.StatusRecevable:
		s = data.Count(n, "dossier déclaré recevable", "dossiers déclarés recevables")
		if exempted > 0 {
			s += ", dont " + data.FormatInt(int64(exempted)) + " par dérogation (motif inscrit au journal)"
		}
	case data.StatusIrrecevable:
		s = data.Count(n, "dossier déclaré irrecevable", "dossiers déclarés irrecevables")
	default:
		s = data.Count(n, "dossier remis en instruction", "dossiers remis en instruction")
	}
	return s + "."
}

// writeReview writes to w what deserves a look before a step; the command
// goes on (the window asks for a confirmation instead).
func writeReview(w io.Writer, step string, r campaign.Review) {
	if r.Empty() {
		return
	}
	fmt.Fprintf(w, "À vérifier avant %s :\n", step)
	for _, l := range r.Lines() {
		fmt.Fprintln(w, "  "+data.Plain(l))
	}
}

// writePending names the dossiers the ranking leaves apart, still in
// instruction, so that none is left out silently.
func writePending(w io.Writer, v *campaign.View) {
	if len(v.Pending) == 0 {
		return
	}
	var numbers []string
	for _, r := range v.Pending {
		numbers = append(numbers, r.Number)
	}
	fmt.Fprintln(w, data.Plain("À instruire, hors classement : "+data.Count(len(numbers), "dossier", "dossiers")+" ("+strings.Join(numbers, ", ")+")."))
}
