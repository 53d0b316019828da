"""Turning rule violations into translated, field-level messages.

Domain functions raise ``DomainError(code, field)``; this module is the one place that says,
in the reader's language, what each code means. Services raise ``ServiceError`` so the web UI
and the API report the same messages for the same mistake.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from coprocure.domain.errors import DomainError

MESSAGES = {
    "business_id_format": _("Write the business ID as seven digits, a hyphen and a check digit, for example 0201256-6."),
    "business_id_checksum": _("This business ID's check digit does not match: check the number for typing errors."),
    "business_id_duplicate": _("An organisation with this business ID is already registered."),
    "business_id_required": _("Give the business ID: only contracting authorities may be registered without one."),
    "phase_unknown": _("Choose one of the listed phases."),
    "phase_unchanged": _("The procurement is already in this phase."),
    "phase_skipped": _("A phase cannot be skipped: move to the next phase first."),
    "phase_back_without_reason": _("Going back to an earlier phase needs a reason that is recorded for everyone to see."),
    "role_unknown": _("Choose one of the listed roles."),
    "role_requires_authority": _("Only people employed by the contracting authority can hold this role."),
    "role_requires_official": _("Only an official (viranhaltija) of the contracting authority can hold the official role."),
    "accountable_not_of_authority": _("The accountable person must work for the contracting authority itself: responsibility cannot move to providers, experts by experience or other participants."),
    "accountable_not_official": _("Only an official (viranhaltija) can be accountable: staff members, experts by experience and other participants can prepare and advise, but not carry the authority's responsibility."),
    "answer_required": _("Please answer this question."),
    "answer_wrong_type": _("This answer is not in the right form for the question."),
    "answer_not_a_choice": _("Choose one of the given options."),
    "answer_other_empty": _("You chose “something else”: please write what you mean."),
    "answer_duplicate_choice": _("The same option was chosen twice."),
    "answer_out_of_range": _("This number is outside the allowed range."),
    "answer_too_long": _("This answer is too long (at most %(max)s characters)."),
    "answer_unknown_question": _("This survey has no such question."),
    "token_used": _("These answers have already been sent. Thank you!"),
    "survey_closed": _("This survey is not open for answers now."),
    "survey_by_invitation": _("This survey is answered with the invitation code you received. Enter your code on the page for answering with a code."),
    "survey_needs_account": _("This survey is for invited participants: please sign in first."),
    "survey_has_answers": _("People have already answered this survey, so questions can no longer be added."),
    "survey_has_no_questions": _("Add at least one question before opening the survey."),
    "attendance_code_invalid": _("This code is not valid for this event. Scan the code shown at the door again, or ask the organiser."),
    "attendance_code_expired": _("This code has expired: the event is over. Ask the organiser to mark you present."),
    "publish_not_free_text": _("Only answers to free-text questions can be published."),
    "publish_too_few_answers": _("Fewer than %(k)s people answered this question, so no answer can be shown publicly: someone could be recognised."),
    "publish_not_an_answer": _("This text is not part of any answer to this question. Copy the words from an answer exactly."),
    "attendance_not_registered": _("There is no confirmed place for this person at this event. The organiser can help at the door."),
    "channel_unknown": _("Choose one of the listed answering channels."),
    "channel_needs_staff": _("Answers from paper or by phone are entered by staff."),
    "background_unknown": _("Choose one of the listed options."),
    "insight_status_unknown": _("Choose one of the listed statuses."),
    "insight_reason_required": _("Say why the insight was not taken up: the people who gave it will read the reason."),
    # Rate limits (there is no CAPTCHA)
    "rate_limited": _("Many messages have been sent from this connection in a short time. Please wait %(minutes)s min and send again."),
    # Follow-up
    "follow_up_closed": _("This procurement has ended, so there will be no more news about it."),
    "unsubscribe_token_invalid": _("This link does not work. Open it again from the message."),
    # Moderation
    "redaction_out_of_range": _("This part is outside the text: the text has %(length)s characters, numbered from 0."),
    "redaction_reason_unknown": _("Choose one of the listed reasons."),
    "redaction_excerpt_unknown": _("This insight has no such quotation."),
    "redaction_passage_not_unique": _("These words do not appear exactly once in the text: copy them exactly, or give the positions."),
    "redaction_range_missing": _("Copy the words to hide, or give where they start and end."),
    "business_id_not_registered": _("No provider with this business ID is registered. Ask them to create a profile first."),
    "network_member_exists": _("This organisation is already a member of the network."),
    "offer_service_not_member": _("A joint offer can include only the services of the network's members."),
    "not_partnership_table": _("This activity is not a partnership table."),
    "table_missing": _("Write the partnership table's agenda first."),
    "table_already_invited": _("This organisation has already been invited to the table."),
    "table_already_signed_up": _("Your organisation has already signed up for this table."),
    "interest_phase_closed": _("Partners can be looked for only while the procurement is being prepared or tendered."),
    "interest_exists": _("Your organisation has already published an expression of interest in this procurement."),
    "consortium_already_formed": _("The consortium has already been formed."),
    "consortium_needs_member": _("At least one invited partner must accept before the consortium can be formed."),
    "consortium_invite_self": _("Your own organisation leads the consortium; invite other organisations."),
    "consortium_already_invited": _("This organisation has already been invited."),
    "consortium_no_invitation": _("Your organisation has no open invitation to this consortium."),
    "import_empty": _("The file has no organisations to import."),
    "import_missing_column": _("The file has no column “%(column)s”. The first row must name the columns: nimi, tyyppi, y-tunnus and, if you like, kotikunta."),
    "import_name_required": _("Give the organisation's name (at most %(max)s characters)."),
    "import_unknown_kind": _("“%(kind)s” is not a known kind of organisation. Write yritys, yhdistys, säätiö, yhteiskunnallinen yritys or käyttäjäjärjestö."),
    "import_duplicate_in_file": _("The same business ID is already on row %(row)s of the file."),
    "import_municipality_too_long": _("The municipality's name is too long (at most %(max)s characters)."),
    "profile_missing": _("Describe the organisation first; then add its services."),
    # Contract period
    "contract_needs_contract_phase": _("A contract can be added once the procurement is in the contract period."),
    "party_duplicate": _("This organisation is already a party to the contract."),
    "party_second_authority": _("The contracting authority is already a party; add providers here."),
    "amendment_decision_other_contract": _("Choose a decision recorded for this contract."),
    "amendment_end_before_start": _("The new end date must be after the contract's start."),
    "member_deputy_other_contract": _("A deputy can only stand in for a member of the same steering group."),
    "member_other_contract": _("Choose a member of this contract's steering group."),
    "meeting_other_contract": _("Choose a meeting of this contract's steering group."),
    "compensation_not_expert": _("Fees are recorded for client representatives and peers; the others attend as part of their work."),
    "compensation_not_attended": _("Mark the member as present before recording a fee for the meeting."),
    "agenda_too_late": _("The meeting has already begun: an agenda is published before the meeting."),
    "agenda_already_published": _("The agenda has already been published."),
    "decision_confidential_reason": _("A confidential decision needs the legal reason, for example the section of law."),
    "accountable_required": _("Name the accountable official: every decision needs one."),
    "kra_levels_order": _("The levels must run from minimum through target to excellent in the indicator's direction: upwards when higher is better, downwards when lower is better."),
    "kra_direction_unknown": _("Choose whether higher or lower is better."),
    "indicator_code_taken": _("Another indicator of this contract already uses this short code."),
    "party_other_contract": _("Choose a party to this contract."),
    "kra_other_contract": _("Choose a key result area of this contract."),
    "proposal_status_unknown": _("Choose one of the listed statuses."),
    "proposal_reason_required": _("Say why the idea was not taken up: the person who sent it will read the reason."),
    "proposal_outcome_required": _("Say in plain words what was done: it is shown on the “You said, we did” page."),
    "proposal_empty": _("Please write your idea."),
    "proposals_closed": _("This contract has ended, so new ideas are no longer taken."),
    "upload_empty": _("The file has no rows to report."),
    "upload_missing_column": _("The file has no column “%(column)s”. The first row must name the columns: mittari, jakso, arvo."),
    "upload_unknown_indicator": _("There is no indicator with the code “%(indicator)s” in this contract."),
    "upload_bad_period": _("The period is not in a known form. Write for example 2025-03 (month), 2025-Q1 (quarter) or 2025 (year)."),
    "upload_bad_value": _("The value is not a number. Write for example 85,5."),
    "upload_wrong_unit": _("The unit does not match the indicator's unit."),
    "upload_percent_range": _("A percentage must be between 0 and 100: check the unit."),
    "upload_negative": _("This indicator cannot be negative."),
    "upload_period_outside_contract": _("This period is outside the contract period."),
    "upload_duplicate_period": _("A value for this indicator and period has already been reported."),
    "upload_too_large": _("The file is too large (at most %(max)s MB)."),
    "upload_too_many_rows": _("The file has too many rows (at most %(max)s)."),
    "upload_too_many_columns": _("The file has too many columns (at most %(max)s)."),
    "upload_cell_too_long": _("A cell of the file has too much text (at most %(max)s characters)."),
    "upload_unpacks_too_large": _("The file would take too much space when opened (at most %(max)s MB). Save it again as CSV or XLSX and try again."),
    "upload_import_as_job": _("This file is large, so it is imported by a worker: send it to %(path)s and follow the import there."),
    "upload_unreadable": _("The file could not be read. Save it as CSV or XLSX and try again."),
    "registration_not_open": _("Signing up for this activity is not open."),
    "registration_exists": _("You have already signed up for this activity."),
    "registration_not_active": _("This sign-up has already been cancelled."),
    "registration_not_offered": _("There is no place waiting for your confirmation."),
    "registration_offer_expired": _("Sorry, the time to confirm this place ran out, so it was offered to the next person."),
    "registration_unknown": _("Choose people from the list."),
    "registration_event_past": _("This event has already begun or taken place, so signing up is closed. See the procurement's other ways to take part."),
    "registration_link_invalid": _("This link does not work. Copy the whole link from the message you received, or sign up again."),
    "registration_contact_required": _("Give an e-mail address or a mobile phone number: the confirmation and any freed place are sent there."),
    "registration_phone_format": _("Write the mobile phone number with digits only, for example 040 123 4567 or +358 40 123 4567."),
    # Accounts
    "signup_link_expired": _("This confirmation link has expired. Sign up again and we send a new link."),
    "signup_link_used": _("This confirmation link has already been used. Your account is ready: sign in."),
    "signup_link_invalid": _("This confirmation link does not work. Copy the whole link from the message, or sign up again."),
    "account_password_wrong": _("The password is not right. Your account was not deleted."),
    "account_reauthenticate": _("For your safety, sign in again just before deleting your account."),
    "account_not_yours": _("You can delete only your own account."),
    "account_is_official": _("Accounts of staff members, officials and administrators are closed by the site administrator, because decisions they made must stay traceable."),
    "suomifi_refused": _("Signing in with Suomi.fi did not succeed, and nothing was stored. Try again, or sign in another way."),
    "batch_channel": _("Choose how the answers were collected: on paper, by phone or with assistance on site."),
    "batch_needs_anonymous": _("Only anonymous surveys take answers entered in a batch."),
    "batch_empty": _("Enter at least one person's answers."),
    "recognition_hours": _("Give the hours worked: more than 0 and at most %(max)s."),
    "recognition_amount": _("Give an amount in euros and cents, from 0 to %(max)s."),
    "recognition_not_expert": _("Choose an expert by experience or a peer of this procurement."),
    "reference_share_out_of_range": _("A share is a percentage from 0 to 100."),
    "reference_shares_over_100": _("The shares describe one population, so together they can be at most 100 per cent."),
    "too_long": _("This text is too long (at most %(max)s characters)."),
    # Tendering: objectives, award criteria, sealed bids, evaluation and award.
    "not_of_this_procurement": _("Choose only items of this procurement."),
    "weights_not_100": _("The price weight and the quality weights must add up to 100 (now %(sum)s)."),
    "weight_negative": _("A weight cannot be negative."),
    "scale_not_positive": _("The top of a scoring scale must be above zero."),
    "duplicate_criterion": _("The same quality criterion is listed twice."),
    "quality_method_unknown": _("Choose one of the listed ways of giving quality points."),
    "tie_rule_unknown": _("Choose one of the listed tie rules."),
    "award_tie_needs_draw": _("Bids %(bids)s are equal on their points and on everything the tie rule announced: draw lots between them before deciding."),
    "draw_seed_not_committed": _("The seed of the draw is not the one committed before it, so the draw cannot be accepted."),
    "final_score_method_unknown": _("Choose the mean or a consensus score."),
    "tender_published": _("The invitation to tender is already published and can no longer be changed."),
    "tender_not_published": _("The invitation to tender has not been published yet."),
    "deadline_in_past": _("The deadline for bids must be in the future."),
    "deadline_passed": _("The deadline for bids has passed: bids can no longer be sent, changed or withdrawn."),
    "opening_before_deadline": _("Bids can be opened only after the deadline."),
    "bids_sealed": _("The bids are sealed until an official opens them after the deadline. This attempt was recorded."),
    "bids_already_opened": _("The bids have already been opened."),
    "price_not_positive": _("The price must be more than zero."),
    "consortia_not_allowed": _("This tender does not accept bids from consortia."),
    "member_duplicate": _("Each organisation can be in the consortium only once, and the lead is not listed as a member."),
    "member_role_required": _("Say what each consortium member does."),
    "member_unknown": _("Choose a registered provider organisation as the member."),
    "not_your_bid": _("Only the lead bidder's own people can withdraw this bid."),
    "bid_withdrawn": _("This bid has already been withdrawn."),
    "already_declared": _("You have already made your declaration."),
    "conflict_not_declared": _("Declare first whether you have a conflict of interest: bids are shown only after that."),
    "evaluator_has_conflict": _("You declared a conflict of interest, so you do not score in this tender."),
    "bid_not_compared": _("This bid was withdrawn or excluded, so it is not scored."),
    "score_settled": _("The final score has been settled, so this score can no longer be changed."),
    "score_out_of_scale": _("The score must be between 0 and %(max)s."),
    "justification_required": _("Justify your score: the justification is published with the award."),
    "scoring_incomplete": _("Every panel member must score before the final score is settled."),
    "consensus_reason_required": _("The consensus score differs from an evaluator's score: write the reason."),
    "missing_score": _("A final score is missing: settle every criterion of every compared bid first."),
    "no_bids": _("There are no bids to compare."),
    "exclusion_without_reason": _("Write the reason for excluding the bid: the bidder can contest it."),
    "award_decided": _("The award decision has already been made."),
    "award_published": _("The award has already been published."),
    "standstill_before_decision": _("The standstill period cannot end before the decision."),
    "standstill_negative": _("The standstill period cannot be negative."),
    "notification_channel_unknown": _("Choose how the decision was sent: electronically, by letter or in person."),
    "period_negative": _("A period cannot be negative."),
    # Alliance settlements: the commercial model, cost lines and statements.
    "negative_amount": _("An amount in euros cannot be negative."),
    "fee_kind_unknown": _("Choose a share of the target cost, a fixed fee or a share of the actual cost."),
    "fee_rewards_spending": _("With a fee on the actual cost, every extra euro spent would raise the providers' margin under these terms. Use a share of the target cost or a fixed fee, or share savings and overruns at least at the fee rate without caps."),
    "missing_kra_term_unknown": _("Choose how an unreported KRA value counts."),
    "share_out_of_range": _("A share is a fraction from 0 to 1, for example 0.5 for half."),
    "duplicate_kra": _("The same key result area is listed twice."),
    "kra_weight_negative": _("A key result area's weight cannot be negative."),
    "kra_weights_not_1": _("The weights of the key result areas must add up to 1 (now %(sum)s)."),
    "duplicate_provider": _("The same provider is listed twice in the split."),
    "split_negative": _("A provider's share cannot be negative."),
    "split_not_100": _("The providers' shares must add up to 100 per cent (now %(sum)s)."),
    "unknown_kra": _("This contract has no such key result area."),
    "kra_value_not_finite": _("A result must be a number."),
    "settlement_needs_alliance": _("Settlements are kept for alliance contracts only."),
    "settlement_period_taken": _("This contract already has a settlement period with this name."),
    "settlement_period_closed": _("The statement for this period is already approved, so its costs can no longer change."),
    "settlement_costs_pending": _("Some costs are still waiting for approval: approve or reject them first."),
    "settlement_unchanged": _("Nothing has changed since the last approved statement."),
    "cost_reason_required": _("Write the reason for the decision: the provider will read it."),
    "invitation_by_party": _("A party of the measured contract cannot issue invitation codes for its own outcome survey."),
    "invitation_count": _("Issue between 1 and %(max)s codes at a time."),
    "invitation_code_invalid": _("This code is not valid: check it against your paper or message."),
    "invitation_code_used": _("This code has already been used. Each code gives one answer."),
    "invitation_party_refused": _("People working for a provider of this contract cannot answer its outcome survey."),
    "survey_figure_flagged": _("This period's figure is flagged for the accountable official: it can be recorded once the official has cleared it."),
    "flag_already_cleared": _("This flag has already been cleared."),
    "flag_reason_required": _("Write what you checked and why the figure may be recorded."),
    "proposal_token_invalid": _("This form cannot be sent: open the idea form again and write your idea there."),
    "proposal_token_expired": _("The form was open for more than a day: open the idea form again and send your idea from there."),
    "leadership_matter_unknown": _("Choose one of the matters the alliance agreement gives the leadership group."),
    "leadership_no_parties": _("The alliance contract has no parties yet, so its leadership group cannot decide."),
    "leadership_position_missing": _("Record this party's position: every party of the alliance takes part in the leadership group's decisions."),
    "leadership_not_unanimous": _("Target cost, fee, KRAs and cost categories need every party's agreement: this decision cannot be recorded while a party does not agree."),
    "cost_category_too_long": _("A cost category's name can be at most %(max)s characters."),
    "cost_category_duplicate": _("The category “%(name)s” is listed twice."),
    "cost_category_taken": _("The category “%(name)s” has already been agreed."),
    "cost_categories_required": _("List the agreed cost categories, one per line."),
    "cost_categories_other_matter": _("Cost categories are agreed only in a decision on cost categories."),
    "cost_categories_not_agreed": _("No cost categories have been agreed for this alliance yet: the leadership group agrees them first."),
    "cost_category_not_agreed": _("Choose one of the cost categories agreed for this alliance."),
    "settlement_audit_missing": _("The auditor has not yet reported on this period's costs: the statement can be approved only after the audit report."),
    "auditor_not_independent": _("The auditor cannot work for a provider of this alliance."),
    "auditor_already_appointed": _("This person is already the alliance's auditor."),
    "audit_findings_required": _("Write what was checked and what was found."),
    # The alliance's development phase.
    "development_frozen": _("The service phase has begun, so the development phase's drafts and positions can no longer change."),
    "development_not_frozen": _("No settlement period can be opened before the service phase begins: the parties first agree the target cost and KRAs in the development phase."),
    "development_target_cost_invalid": _("Give the target cost in euros, more than zero."),
    "development_target_cost_differs": _("The target cost agreed in the development phase is %(amount)s euros: a settlement period uses that figure."),
    "development_kras_empty": _("Give at least one key result area with its indicator's levels."),
    "development_operating_model_empty": _("Describe the operating model."),
    "development_operating_model_too_long": _("The operating model can be at most %(max)s characters."),
    "development_element_unknown": _("The development phase agrees the target cost, the KRAs and the operating model only."),
    "development_element_missing": _("No version of this has been proposed yet: %(element)s."),
    "development_element_not_agreed": _("Not every party agrees to the newest version (%(version)s) of this: %(element)s."),
    "development_draft_superseded": _("A newer version (%(version)s) has been proposed: state your position on that one."),
    "development_contract_has_kras": _("This contract already has key result areas recorded outside the development phase, so the agreed KRAs cannot be added to it."),
    "development_kras_in_development": _("This alliance's KRAs are being agreed in its development phase: propose or change them there (%(url)s). They become the contract's KRAs when the service phase begins."),
    "development_kras_frozen": _("This alliance's KRAs were agreed in its development phase and frozen into the contract when the service phase began, so they cannot be changed here (%(url)s)."),
    "complaint_days_negative": _("The number of days for complaints cannot be negative."),
    "complaint_before_decision": _("A complaint can be made only after the decision it is about."),
    "complaint_deadline_passed": _("The time for complaints ended on %(deadline)s, so this complaint cannot be accepted."),
    "complaint_not_bidder": _("Only an organisation that took part in a bid can complain about this award."),
    "complaint_not_accountable": _("Only the official accountable for the award decision can answer a complaint."),
    "complaint_answered": _("This complaint has already been answered."),
    "complaint_outcome_unknown": _("Choose whether the complaint is upheld or rejected."),
    "complaint_reasons_required": _("Write the reasons for the answer: they are shown to everyone."),
    "award_not_published": _("The award decision has not been published yet."),
    "standstill_not_ended": _("The contract cannot be signed yet: the standstill period lasts until %(until)s."),
    "complaint_pending": _("The contract cannot be signed while a complaint about the award is waiting for an answer."),
    "decision_sent_before_decided": _("The decision can be sent to the bidders only on or after the day it was made."),
    "standstill_too_short": _("The standstill cannot end before %(until)s: 14 days from the day the bidders are deemed to have received the decision."),
    "appeal_not_answered": _("An appeal is decided by the Market Court, not by the contracting authority: record the court's decision instead."),
    "appeal_only": _("Only an appeal to the Market Court has a court decision or a ban on enforcement."),
    "court_decision_recorded": _("The Market Court's decision on this appeal has already been recorded."),
    "court_outcome_unknown": _("Choose what the Market Court decided."),
    "court_date_required": _("Give the date of the Market Court's decision."),
    "appellant_not_bidder": _("The appellant must be an organisation that took part in a bid."),
    "enforcement_banned": _("The contract cannot be signed: the Market Court has banned enforcement of the award decision while the appeal is pending."),
    "decision_complaint_pending": _("The procedure cannot go on to its next stage, award or contract while a request for rectification of its selection or reduction decision is waiting for an answer."),
    "decision_enforcement_banned": _("The procedure cannot go on to its next stage, award or contract: the Market Court has banned enforcement of its selection or reduction decision while the appeal is pending."),
    "complaint_not_candidate": _("Only a candidate named in this decision can complain about it."),
    "appellant_not_candidate": _("The appellant must be a candidate named in the decision."),
    "opening_same_official": _("The official who asked for the opening cannot confirm it: a second official of the contracting authority must."),
    "opening_not_of_authority": _("Only officials of the contracting authority can open the bids."),
    "member_unconfirmed": _("These consortium members have not confirmed that they take part: %(members)s. The bid can be submitted once each member's representative has confirmed."),
    "invitation_not_yours": _("Only a representative of the invited organisation can confirm this invitation."),
    "invitation_confirmed": _("This invitation has already been confirmed."),
    # Contract period, continued: members' positions, reminders, survey indicators, corrections.
    "position_unknown": _("Choose the member's position: supports, opposes, abstains or dissents."),
    "position_dissent_view": _("A member who dissents has their view recorded: write it in their own words."),
    "indicator_not_survey": _("Only an indicator whose data source is a survey of service users is linked to a survey."),
    "survey_question_not_likert": _("Choose a question answered on the scale from 1 to 5."),
    "survey_other_procurement": _("Choose a question from a survey of this contract's procurement."),
    "survey_round_exists": _("This indicator is already linked to a survey. Open the next round instead."),
    "survey_round_none": _("Link the indicator to a survey question first."),
    "survey_round_after_contract": _("The next round would begin after the contract ends."),
    "survey_period_not_ended": _("The period has not ended yet: its result is computed after its last day."),
    "indicator_has_measurements": _("This indicator already has reported results, so it cannot be changed or removed: the results were measured against it."),
    "kra_has_measurements": _("This key result area has reported results, so it cannot be removed. You can still change its name and description."),
    "member_has_records": _("This member has attended meetings, been paid or taken a position on a decision, so the member stays in the records. Set the end of the term instead."),
    "meeting_has_records": _("This meeting's agenda is published or it has decisions or fees, so it stays in the records. Correct its details instead."),
    "proposal_already_sent": _("This idea has already been sent and it was saved once. Thank you!"),
    "survey_too_few_answers": _("Only %(answers)s people answered in this period. A result is shown from %(k)s answers, so that nobody can be recognised: no value is stored."),
    "survey_mean_would_reveal": _("With these answers the period's mean and the published answer counts together would show how some people answered. No value is stored: wait for more answers or leave the period without a value."),
    # Tendering: versioned service description and minimum requirements, bid attachments.
    "document_kind_unknown": _("There is no such tender document."),
    "document_empty": _("Write at least one section before publishing."),
    "document_unchanged": _("Nothing has changed since the last published version."),
    "document_after_deadline": _("The deadline for bids has passed, so the tender documents can no longer change."),
    "requirement_unknown": _("Choose one of the published minimum requirements."),
    "attachment_without_bid": _("Send your bid first, then attach files to it."),
    "attachment_empty": _("The file is empty."),
    "attachment_too_large": _("The file is too large: at most %(max)s MB."),
    "attachment_type_not_allowed": _("Attach only PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG or JPEG files."),
    "attachment_too_many": _("A bid can have at most %(max)s attachments: remove one first."),
    "attachment_name_mismatch": _("The file's name does not match its content: check the ending of the name, for example .pdf."),
    "final_score_change_reason_required": _("The final score was already settled: write the reason for changing it."),
    "award_concluded": _("The contract with the winning bidder has already been made."),
    # Lots
    "lot_required": _("Choose the lot your bid is for."),
    "lot_unknown": _("This tender has no such lot."),
    "lot_missing": _("Every bid must be for a lot when the tender has lots."),
    "award_phase": _("The contract can be made from the award only in the tendering or contract phase."),
    "attachment_not_allowed": _("Only the authority's people and the evaluation panel can read bid attachments."),
    # Evaluation.
    "experience_phase_unknown": _("Choose the preparation, tendering or contract phase."),
    "experience_round_unknown": _("Choose before, during or after."),
    "experience_survey_exists": _("This phase already has an experience survey for this round."),
    "criterion_unknown": _("There is no such criterion in the self-assessment."),
    "rating_unknown": _("Choose yes, partly, no or does not apply."),
    # Trust (issue 10): uploads and request sizes.
    "upload_wrong_type": _("This is not a CSV or XLSX file. Save it as CSV or XLSX and try again."),
    "request_too_large": _("That was too much to send at once (at most %(max)s MB). Send a smaller file or a shorter text."),
}


def message_for(code: str, params: dict | None = None) -> str:
    template = MESSAGES.get(code)
    if template is None:
        return str(_("This value is not accepted."))
    if not params:
        return str(template)
    # Dates in a message are written the reader's way, as on the pages.
    shown = {name: date_format(value, "SHORT_DATE_FORMAT") if isinstance(value, date) else value
             for name, value in params.items()}
    return str(template) % shown


class ServiceError(Exception):
    """One or more field-level problems, each with a stable code and a translated message."""

    def __init__(self, errors: dict[str | None, list[tuple[str, str]]], status: int = 422):
        super().__init__(errors)
        self.errors = errors
        self.status = status

    @classmethod
    def from_domain(cls, error: DomainError, status: int = 422) -> "ServiceError":
        return cls({error.field: [(error.code, message_for(error.code, error.params))]}, status)

    @classmethod
    def from_form(cls, form) -> "ServiceError":
        errors: dict[str | None, list[tuple[str, str]]] = {}
        for field, items in form.errors.as_data().items():
            key = None if field == "__all__" else field
            errors[key] = [(e.code or "invalid", m) for e in items for m in e.messages]
        return cls(errors)

    def as_validation_error(self) -> ValidationError:
        return ValidationError(
            {field or "__all__": [ValidationError(msg, code=code) for code, msg in items] for field, items in self.errors.items()}
        )

    def add_to_form(self, form) -> None:
        for field, items in self.errors.items():
            target = field if field in form.fields else None
            for code, message in items:
                form.add_error(target, ValidationError(message, code=code))


def fail(code: str, field: str | None = None, status: int = 422, **params) -> ServiceError:
    """A service's refusal by its code, of one field (or of the whole action when ``field`` is None)."""
    return ServiceError.from_domain(DomainError(code, field, params), status=status)


class RowsRejected(ServiceError):
    """Row-level problems in an uploaded table (a provider's report, an organisation list);
    nothing of it was stored. Each problem is named ``rows.N.field`` (the header is row 1)."""

    def __init__(self, row_errors):
        errors: dict[str | None, list[tuple[str, str]]] = {}
        for problem in row_errors:
            errors.setdefault(f"rows.{problem.row}.{problem.field}", []).append(
                (problem.code, message_for(problem.code, problem.params)))
        super().__init__(errors, status=422)
        self.row_errors = row_errors
