-- Reserved for the migration another branch adds at the same time (issue 19):
-- the lead replaces this file with it at merge, and renumbers 015 if need be.
SELECT 1;
