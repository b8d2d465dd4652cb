-- Reserved for the follow-up of grants (issue 21: conventions, payments,
-- comptes rendus financiers), built at the same time on another branch: its
-- migration 018 replaces this file when the two meet. Nothing to change.
SELECT 1;
