/*
 * suminfo: rewrites the summary information of an MSI (what Explorer shows in
 * the file's properties) with strings given already encoded in the codepage
 * the package declares (1252 for Cohésion's, SummaryCodepage in cohesion.wxs).
 * wixl stores these strings as UTF-8 whatever that codepage, and writes an
 * English title, keywords and template: Explorer then shows « CohÃ©sion ».
 * libmsi (Debian's libmsi0, which wixl itself uses) stores the bytes it is
 * given as they are, so scripts/package-windows.sh converts them with iconv
 * before calling this.
 *
 *   suminfo FILE.msi TITLE SUBJECT AUTHOR KEYWORDS COMMENTS TEMPLATE
 *
 * Built against the library alone: its few entry points are declared here,
 * which spares the glib development headers that libmsi's own need.
 */
#include <stdio.h>

typedef struct LibmsiDatabase LibmsiDatabase;
typedef struct LibmsiSummaryInfo LibmsiSummaryInfo;
typedef struct {
	unsigned domain;
	int code;
	char *message;
} GError;

LibmsiDatabase *libmsi_database_new(const char *path, unsigned flags, const char *persist, GError **error);
LibmsiSummaryInfo *libmsi_summary_info_new(LibmsiDatabase *db, unsigned update_count, GError **error);
int libmsi_summary_info_set_string(LibmsiSummaryInfo *si, int prop, const char *value, GError **error);
int libmsi_summary_info_persist(LibmsiSummaryInfo *si, GError **error);
int libmsi_database_commit(LibmsiDatabase *db, GError **error);

enum { FLAGS_TRANSACT = 1 << 2 };
/* LibmsiProperty: title, subject, author, keywords, comments, template. */
static const int props[] = {2, 3, 4, 5, 6, 7};

static int failed(const char *what, GError *err)
{
	fprintf(stderr, "suminfo : %s : %s\n", what, err && err->message ? err->message : "échec");
	return 1;
}

int main(int argc, char **argv)
{
	GError *err = NULL;
	if (argc != 8) {
		fprintf(stderr, "utilisation : suminfo FICHIER.msi TITRE SUJET AUTEUR MOTS-CLÉS COMMENTAIRES MODÈLE\n");
		return 2;
	}
	LibmsiDatabase *db = libmsi_database_new(argv[1], FLAGS_TRANSACT, NULL, &err);
	if (!db)
		return failed(argv[1], err);
	LibmsiSummaryInfo *si = libmsi_summary_info_new(db, 20, &err);
	if (!si)
		return failed("lecture du résumé", err);
	for (int i = 0; i < 6; i++)
		if (!libmsi_summary_info_set_string(si, props[i], argv[2 + i], &err))
			return failed("écriture du résumé", err);
	if (!libmsi_summary_info_persist(si, &err))
		return failed("enregistrement du résumé", err);
	if (!libmsi_database_commit(db, &err))
		return failed("enregistrement du paquet", err);
	return 0;
}
