# Follow-up contacts are deliberately not in the admin: nobody needs to browse them, and each
# view of an anonymous respondent's address would be a chance to match it to an answer.
