<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>ChecklistRow</name>
    <message>
        <source>Result:</source>
        <translation>Result:</translation>
    </message>
    <message>
        <source>(not answered)</source>
        <translation>(not answered)</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>Compliant</translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation>Not compliant</translation>
    </message>
    <message>
        <source>Cannot be verified</source>
        <translation>Cannot be verified</translation>
    </message>
    <message>
        <source>Note on this item (what was checked, what was seen)</source>
        <translation>Note on this item (what was checked, what was seen)</translation>
    </message>
    <message>
        <source>Result for “%1”</source>
        <translation>Result for “%1”</translation>
    </message>
    <message>
        <source>Note on “%1”</source>
        <translation>Note on “%1”</translation>
    </message>
</context>
<context>
    <name>CommitmentDialog</name>
    <message>
        <source>Commitment of the review expert</source>
        <translation>Commitment of the review expert</translation>
    </message>
    <message>
        <source>Before any material opens, read the commitment of this review and accept it. Your acceptance and its time are recorded in your signed score sheet.</source>
        <translation>Before any material opens, read the commitment of this review and accept it. Your acceptance and its time are recorded in your signed score sheet.</translation>
    </message>
    <message>
        <source>Text fingerprint (SHA-256): %1</source>
        <translation>Text fingerprint (SHA-256): %1</translation>
    </message>
    <message>
        <source>I have read it and commit</source>
        <translation>I have read it and commit</translation>
    </message>
    <message>
        <source>Decline and close the package</source>
        <translation>Decline and close the package</translation>
    </message>
    <message>
        <source>Commitment text</source>
        <translation>Commitment text</translation>
    </message>
</context>
<context>
    <name>ConflictHintDialog</name>
    <message>
        <source>A reason is required.</source>
        <translation>A reason is required.</translation>
    </message>
    <message>
        <source>Possible conflict of interest</source>
        <translation>Possible conflict of interest</translation>
    </message>
    <message>
        <source>The secretariat&apos;s check of the seat list found a possible conflict of interest with %1 (%2): %3. Answer before you score this project.</source>
        <translation>The secretariat&apos;s check of the seat list found a possible conflict of interest with %1 (%2): %3. Answer before you score this project.</translation>
    </message>
    <message>
        <source>There is a conflict (I recuse myself)</source>
        <translation>There is a conflict (I recuse myself)</translation>
    </message>
    <message>
        <source>There is no conflict</source>
        <translation>There is no conflict</translation>
    </message>
    <message>
        <source>Reason (required):</source>
        <translation>Reason (required):</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>CriterionEditor</name>
    <message>
        <source>%1. %2 (max %3 points)</source>
        <translation>%1. %2 (max %3 points)</translation>
    </message>
    <message>
        <source>Scoring anchors</source>
        <translation>Scoring anchors</translation>
    </message>
    <message>
        <source>Score:</source>
        <translation>Score:</translation>
    </message>
    <message>
        <source>/ %1, step %2</source>
        <translation>/ %1, step %2</translation>
    </message>
    <message>
        <source>not scored</source>
        <translation>not scored</translation>
    </message>
    <message>
        <source>Comment on this criterion</source>
        <translation>Comment on this criterion</translation>
    </message>
    <message>
        <source>Score for %1</source>
        <translation>Score for %1</translation>
    </message>
    <message>
        <source>Comment on %1</source>
        <translation>Comment on %1</translation>
    </message>
    <message>
        <source>Scoring anchors for %1</source>
        <translation>Scoring anchors for %1</translation>
    </message>
    <message>
        <source>Sub-items:</source>
        <translation>Sub-items:</translation>
    </message>
    <message>
        <source>No anchors given.</source>
        <translation>No anchors given.</translation>
    </message>
    <message>
        <source>Enter a multiple of %1 between 0 and %2.</source>
        <translation>Enter a multiple of %1 between 0 and %2.</translation>
    </message>
    <message>
        <source>A score cannot be negative; nothing was saved.</source>
        <translation>A score cannot be negative; nothing was saved.</translation>
    </message>
    <message>
        <source>Enter the score without a sign; nothing was saved.</source>
        <translation>Enter the score without a sign; nothing was saved.</translation>
    </message>
    <message>
        <source>“%1” is not a number; enter digits and a decimal point. Nothing was saved.</source>
        <translation>“%1” is not a number; enter digits and a decimal point. Nothing was saved.</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Decision:</source>
        <extracomment>a decision was recorded (the project id)</extracomment>
        <translation>Decision:</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <source>Decided by:</source>
        <translation>Decided by:</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>Record decision</translation>
    </message>
    <message>
        <source>Eligible (pass)</source>
        <translation>Eligible (pass)</translation>
    </message>
    <message>
        <source>Not eligible (fail)</source>
        <translation>Not eligible (fail)</translation>
    </message>
    <message>
        <source>Select a project to decide on it.</source>
        <translation>Select a project to decide on it.</translation>
    </message>
    <message>
        <source>Decision on %1 (%2)</source>
        <translation>Decision on %1 (%2)</translation>
    </message>
    <message>
        <source>Give the reason and who decided.</source>
        <translation>Give the reason and who decided.</translation>
    </message>
    <message>
        <source>Not recorded: %1</source>
        <translation>Not recorded: %1</translation>
    </message>
    <message>
        <source>Recorded: %1 %2 — %3 [%4]</source>
        <translation>Recorded: %1 %2 — %3 [%4]</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Not eligible</translation>
    </message>
</context>
<context>
    <name>DeskWindow</name>
    <message>
        <source>Secretariat desk — %1</source>
        <translation>Secretariat desk — %1</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>Steps of the round</source>
        <translation>Steps of the round</translation>
    </message>
</context>
<context>
    <name>FinalizeDialog</name>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Finalize review</source>
        <translation>Finalize review</translation>
    </message>
    <message>
        <source>Items still to complete</source>
        <translation>Items still to complete</translation>
    </message>
    <message>
        <source>Your score distribution</source>
        <translation>Your score distribution</translation>
    </message>
    <message>
        <source>Sign and export…</source>
        <translation>Sign and export…</translation>
    </message>
    <message>
        <source>I confirm that I have declared every conflict of interest I have with the projects of this package, completely and truthfully.</source>
        <translation>I confirm that I have declared every conflict of interest I have with the projects of this package, completely and truthfully.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>%1 item(s) must be completed before you can sign. Click an item to go there.</source>
        <translation>%1 item(s) must be completed before you can sign. Click an item to go there.</translation>
    </message>
    <message>
        <source>All %1 projects are complete (%2 with a declared conflict). Check your own score distribution below, then sign.</source>
        <translation>All %1 projects are complete (%2 with a declared conflict). Check your own score distribution below, then sign.</translation>
    </message>
    <message>
        <source>Each dot is one of your projects; the orange line is your mean. Hover a dot to see which projects it stands for. Only your own scores are shown.</source>
        <translation>Each dot is one of your projects; the orange line is your mean. Hover a dot to see which projects it stands for. Only your own scores are shown.</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Lowest</source>
        <translation>Lowest</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mean</translation>
    </message>
    <message>
        <source>Highest</source>
        <translation>Highest</translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximum</translation>
    </message>
    <message>
        <source>You gave every project the same score for: %1. Is that intended?</source>
        <translation>You gave every project the same score for: %1. Is that intended?</translation>
    </message>
    <message>
        <source>%1 — no score for “%2”</source>
        <translation>%1 — no score for “%2”</translation>
    </message>
    <message>
        <source>%1 — the score for “%2” is not valid</source>
        <translation>%1 — the score for “%2” is not valid</translation>
    </message>
    <message>
        <source>%1 — a score in this band for “%2” needs a comment</source>
        <translation>%1 — a score in this band for “%2” needs a comment</translation>
    </message>
    <message>
        <source>%1 — a declared conflict needs a reason</source>
        <translation>%1 — a declared conflict needs a reason</translation>
    </message>
    <message>
        <source>%1 — a declared conflict needs its kind</source>
        <translation>%1 — a declared conflict needs its kind</translation>
    </message>
    <message>
        <source>%1 — answer the possible conflict of interest first</source>
        <translation>%1 — answer the possible conflict of interest first</translation>
    </message>
    <message>
        <source>%1 — inspection checklist item “%2” is not answered</source>
        <translation>%1 — inspection checklist item “%2” is not answered</translation>
    </message>
    <message>
        <source>%1 — the second round needs a reason for your score</source>
        <translation>%1 — the second round needs a reason for your score</translation>
    </message>
    <message>
        <source>%1 — “%2” %3 points is in the band “%4”: a comment is required</source>
        <translation>%1 — “%2” %3 points is in the band “%4”: a comment is required</translation>
    </message>
</context>
<context>
    <name>FirstRoundPanel</name>
    <message>
        <source>Second round: your first-round score</source>
        <translation>Second round: your first-round score</translation>
    </message>
    <message>
        <source>Reason for your second-round score (required):</source>
        <translation>Reason for your second-round score (required):</translation>
    </message>
    <message>
        <source>Why you keep or change your score</source>
        <translation>Why you keep or change your score</translation>
    </message>
    <message>
        <source>Reason for your second-round score</source>
        <translation>Reason for your second-round score</translation>
    </message>
    <message>
        <source>Your first-round total: %1</source>
        <translation>Your first-round total: %1</translation>
    </message>
    <message>
        <source>Your first-round scores cannot be shown: %1</source>
        <translation>Your first-round scores cannot be shown: %1</translation>
    </message>
    <message>
        <source>Panel in the first round (%1 valid reviews, anonymous): lowest %2, median %3, highest %4</source>
        <translation>Panel in the first round (%1 valid reviews, anonymous): lowest %2, median %3, highest %4</translation>
    </message>
</context>
<context>
    <name>GeneratedPassphraseDialog</name>
    <message>
        <source>Package passphrase</source>
        <translation>Package passphrase</translation>
    </message>
    <message>
        <source>The passphrase of %1 is shown only now and is kept nowhere. Write it down and deliver it to the experts separately from the package and the letters (in person or by telephone).</source>
        <translation>The passphrase of %1 is shown only now and is kept nowhere. Write it down and deliver it to the experts separately from the package and the letters (in person or by telephone).</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>My signing key</source>
        <translation>My signing key</translation>
    </message>
    <message>
        <source>Your score sheets are signed with this key. The secretariat can compare the fingerprint with the key ID printed on each score sheet.</source>
        <translation>Your score sheets are signed with this key. The secretariat can compare the fingerprint with the key ID printed on each score sheet.</translation>
    </message>
    <message>
        <source>You have no signing key yet. It is created when you first sign a score sheet, or now.</source>
        <translation>You have no signing key yet. It is created when you first sign a score sheet, or now.</translation>
    </message>
    <message>
        <source>Fingerprint:</source>
        <translation>Fingerprint:</translation>
    </message>
    <message>
        <source>Key ID:</source>
        <translation>Key ID:</translation>
    </message>
    <message>
        <source>Kept in:</source>
        <translation>Kept in:</translation>
    </message>
    <message>
        <source>%1 earlier key(s) were replaced on this computer. Score sheets signed with them stay valid: each sheet carries its own public key.</source>
        <translation>%1 earlier key(s) were replaced on this computer. Score sheets signed with them stay valid: each sheet carries its own public key.</translation>
    </message>
    <message>
        <source>Export my public key…</source>
        <translation>Export my public key…</translation>
    </message>
    <message>
        <source>Create a new identity…</source>
        <translation>Create a new identity…</translation>
    </message>
    <message>
        <source>Create my signing key</source>
        <translation>Create my signing key</translation>
    </message>
</context>
<context>
    <name>InspectionController</name>
    <message>
        <source>Add photos</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>Photos (*.jpg *.jpeg *.png);;All files (*)</source>
        <translation>Photos (*.jpg *.jpeg *.png);;All files (*)</translation>
    </message>
    <message>
        <source>On-site inspection</source>
        <translation>On-site inspection</translation>
    </message>
    <message>
        <source>Add photo</source>
        <translation>Add photo</translation>
    </message>
    <message>
        <source>%1 cannot be read: %2</source>
        <translation>%1 cannot be read: %2</translation>
    </message>
    <message>
        <source>it is larger than %1 MB</source>
        <translation>it is larger than %1 MB</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>the file is empty</translation>
    </message>
    <message>
        <source>only JPEG and PNG photos can be attached</source>
        <translation>only JPEG and PNG photos can be attached</translation>
    </message>
    <message>
        <source>%1 was not added: %2</source>
        <translation>%1 was not added: %2</translation>
    </message>
    <message>
        <source>the image cannot be read</source>
        <translation>the image cannot be read</translation>
    </message>
    <message>
        <source>%1 is already attached to this project.</source>
        <translation>%1 is already attached to this project.</translation>
    </message>
    <message>
        <source>%1 could not be saved.</source>
        <translation>%1 could not be saved.</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>Remove the photo “%1” from this project? It is deleted from this computer&apos;s workspace.</source>
        <translation>Remove the photo “%1” from this project? It is deleted from this computer&apos;s workspace.</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>This photo cannot be shown: %1</source>
        <translation>This photo cannot be shown: %1</translation>
    </message>
</context>
<context>
    <name>InspectionPanel</name>
    <message>
        <source>On-site checklist</source>
        <translation>On-site checklist</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>What the team found on site</source>
        <translation>What the team found on site</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>Photo caption</source>
        <translation>Photo caption</translation>
    </message>
    <message>
        <source>JPEG or PNG, up to %1 MB each. Photos stay encrypted on this computer; the score sheet lists their fingerprints (SHA-256).</source>
        <translation>JPEG or PNG, up to %1 MB each. Photos stay encrypted on this computer; the score sheet lists their fingerprints (SHA-256).</translation>
    </message>
    <message>
        <source>Add photo…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <source>Attach photos taken on site to this project</source>
        <translation>Attach photos taken on site to this project</translation>
    </message>
    <message>
        <source>Remove photo</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <source>Caption:</source>
        <translation>Caption:</translation>
    </message>
    <message>
        <source>What the selected photo shows</source>
        <translation>What the selected photo shows</translation>
    </message>
    <message>
        <source>You declared a conflict of interest with this project: no visit is recorded for it.</source>
        <translation>You declared a conflict of interest with this project: no visit is recorded for it.</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>(no caption)</translation>
    </message>
    <message>
        <source>(cannot be shown)</source>
        <translation>(cannot be shown)</translation>
    </message>
    <message>
        <source>%1 of %2 items answered</source>
        <translation>%1 of %2 items answered</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <source>Intake</source>
        <translation>Intake</translation>
    </message>
    <message>
        <source>Intake folder:</source>
        <translation>Intake folder:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Check intake</source>
        <translation>Check intake</translation>
    </message>
    <message>
        <source>Show projects:</source>
        <translation>Show projects:</translation>
    </message>
    <message>
        <source>Search project, enterprise or fact</source>
        <translation>Search project, enterprise or fact</translation>
    </message>
    <message>
        <source>Only findings that did not pass</source>
        <translation>Only findings that did not pass</translation>
    </message>
    <message>
        <source>Materials (double-click to view):</source>
        <translation>Materials (double-click to view):</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Needs review</source>
        <translation>Needs review</translation>
    </message>
    <message>
        <source>Not eligible</source>
        <translation>Not eligible</translation>
    </message>
    <message>
        <source>Eligible</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <source>Eligibility findings</source>
        <translation>Eligibility findings</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Conclusion</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>Finding</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>Rule</translation>
    </message>
    <message>
        <source>Deciding fact</source>
        <translation>Deciding fact</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>%1 %2: %3 eligible, %4 need review, %5 not eligible (%6 projects)</source>
        <translation>%1 %2: %3 eligible, %4 need review, %5 not eligible (%6 projects)</translation>
    </message>
    <message>
        <source>%1 file(s) refused; no package can be built until each is replaced or removed:</source>
        <translation>%1 file(s) refused; no package can be built until each is replaced or removed:</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <source>This material cannot be shown: %1</source>
        <translation>This material cannot be shown: %1</translation>
    </message>
</context>
<context>
    <name>IntakeReading</name>
    <message>
        <source>Open intake folder</source>
        <translation>Open intake folder</translation>
    </message>
    <message>
        <source>Choose the intake folder first.</source>
        <translation>Choose the intake folder first.</translation>
    </message>
    <message>
        <source>Reading the intake</source>
        <translation>Reading the intake</translation>
    </message>
    <message>
        <source>Reading and checking every file…</source>
        <translation>Reading and checking every file…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>The intake cannot be used:</source>
        <translation>The intake cannot be used:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Expert Review Desk</source>
        <translation>Expert Review Desk</translation>
    </message>
    <message>
        <source>Open the review package (.revpkg) you received from the secretariat, or drop it onto this window. You will need its passphrase, your seat ID and your seat code.</source>
        <translation>Open the review package (.revpkg) you received from the secretariat, or drop it onto this window. You will need its passphrase, your seat ID and your seat code.</translation>
    </message>
    <message>
        <source>Open package…</source>
        <translation>Open package…</translation>
    </message>
    <message>
        <source>Try the demo package</source>
        <translation>Try the demo package</translation>
    </message>
    <message>
        <source>Recent packages:</source>
        <translation>Recent packages:</translation>
    </message>
    <message>
        <source>Search projects</source>
        <translation>Search projects</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>Materials</translation>
    </message>
    <message>
        <source>Attach page</source>
        <translation>Attach page</translation>
    </message>
    <message>
        <source>Link the page on screen to a criterion as evidence (Ctrl+E)</source>
        <translation>Link the page on screen to a criterion as evidence (Ctrl+E)</translation>
    </message>
    <message>
        <source>Scoring</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <source>Project facts</source>
        <translation>Project facts</translation>
    </message>
    <message>
        <source>The workspace is locked. Your work is saved.</source>
        <translation>The workspace is locked. Your work is saved.</translation>
    </message>
    <message>
        <source>Unlock…</source>
        <translation>Unlock…</translation>
    </message>
    <message>
        <source>&amp;Open package…</source>
        <translation>&amp;Open package…</translation>
    </message>
    <message>
        <source>Secretariat desk</source>
        <translation>Secretariat desk</translation>
    </message>
    <message>
        <source>Open the &amp;demo package</source>
        <translation>Open the &amp;demo package</translation>
    </message>
    <message>
        <source>&amp;Close package</source>
        <translation>&amp;Close package</translation>
    </message>
    <message>
        <source>&amp;Lock</source>
        <translation>&amp;Lock</translation>
    </message>
    <message>
        <source>&amp;Finalize review…</source>
        <translation>&amp;Finalize review…</translation>
    </message>
    <message>
        <source>&amp;Export score sheet…</source>
        <translation>&amp;Export score sheet…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Next project</source>
        <translation>&amp;Next project</translation>
    </message>
    <message>
        <source>&amp;Previous project</source>
        <translation>&amp;Previous project</translation>
    </message>
    <message>
        <source>Next &amp;material</source>
        <translation>Next &amp;material</translation>
    </message>
    <message>
        <source>Previous m&amp;aterial</source>
        <translation>Previous m&amp;aterial</translation>
    </message>
    <message>
        <source>Attach this page as &amp;evidence…</source>
        <translation>Attach this page as &amp;evidence…</translation>
    </message>
    <message>
        <source>Page down</source>
        <translation>Page down</translation>
    </message>
    <message>
        <source>Page up</source>
        <translation>Page up</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>&amp;Find in document</source>
        <translation>&amp;Find in document</translation>
    </message>
    <message>
        <source>Find next</source>
        <translation>Find next</translation>
    </message>
    <message>
        <source>Find previous</source>
        <translation>Find previous</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <source>Copy selected text</source>
        <translation>Copy selected text</translation>
    </message>
    <message>
        <source>Lock after &amp;idle time…</source>
        <translation>Lock after &amp;idle time…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>&amp;About</translation>
    </message>
    <message>
        <source>Lock now: hide everything until the passphrase is entered again</source>
        <translation>Lock now: hide everything until the passphrase is entered again</translation>
    </message>
    <message>
        <source>Check that every project is complete, then sign your score sheet</source>
        <translation>Check that every project is complete, then sign your score sheet</translation>
    </message>
    <message>
        <source>Export the signed score sheet (.revsheet) and its PDF</source>
        <translation>Export the signed score sheet (.revsheet) and its PDF</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>Open &amp;recent</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Review</translation>
    </message>
    <message>
        <source>Go to &amp;criterion</source>
        <translation>Go to &amp;criterion</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Main toolbar</translation>
    </message>
    <message>
        <source>Seat %1 · %2</source>
        <translation>Seat %1 · %2</translation>
    </message>
    <message>
        <source>No package open</source>
        <translation>No package open</translation>
    </message>
    <message>
        <source>Show projects by status</source>
        <translation>Show projects by status</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>%1 / %2 scored</source>
        <translation>%1 / %2 scored</translation>
    </message>
    <message>
        <source>Criterion %1</source>
        <translation>Criterion %1</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>Clear list</translation>
    </message>
    <message>
        <source>Open review package</source>
        <translation>Open review package</translation>
    </message>
    <message>
        <source>Review packages (*.revpkg);;All files (*)</source>
        <translation>Review packages (*.revpkg);;All files (*)</translation>
    </message>
    <message>
        <source>Open package</source>
        <translation>Open package</translation>
    </message>
    <message>
        <source>Demo package</source>
        <translation>Demo package</translation>
    </message>
    <message>
        <source>The demo package is not part of this build.</source>
        <translation>The demo package is not part of this build.</translation>
    </message>
    <message>
        <source>Preparing the demo package…</source>
        <translation>Preparing the demo package…</translation>
    </message>
    <message>
        <source>Demo package: the passphrase is “%1”, seat %2, seat code %3.</source>
        <translation>Demo package: the passphrase is “%1”, seat %2, seat code %3.</translation>
    </message>
    <message>
        <source>The demo package could not be prepared: %1</source>
        <translation>The demo package could not be prepared: %1</translation>
    </message>
    <message>
        <source>Unknown organizer</source>
        <translation>Unknown organizer</translation>
    </message>
    <message>
        <source>This package is signed by an organizer key you have not used before.

Fingerprint:
%1

Compare it with the fingerprint in the notification letter from the secretariat. Trust this organizer from now on?</source>
        <translation>This package is signed by an organizer key you have not used before.

Fingerprint:
%1

Compare it with the fingerprint in the notification letter from the secretariat. Trust this organizer from now on?</translation>
    </message>
    <message>
        <source>The central store cannot be opened: %1</source>
        <translation>The central store cannot be opened: %1</translation>
    </message>
    <message>
        <source>Idle lock</source>
        <translation>Idle lock</translation>
    </message>
    <message>
        <source>Lock the workspace after this many minutes without activity:</source>
        <translation>Lock the workspace after this many minutes without activity:</translation>
    </message>
    <message>
        <source>This project has no materials.</source>
        <translation>This project has no materials.</translation>
    </message>
    <message>
        <source>This material cannot be shown: %1</source>
        <translation>This material cannot be shown: %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Saved %1</translation>
    </message>
    <message>
        <source>All changes saved</source>
        <translation>All changes saved</translation>
    </message>
    <message>
        <source>Not saved! Retrying…</source>
        <translation>Not saved! Retrying…</translation>
    </message>
    <message>
        <source>Expert Review Desk: score applications offline. Materials are decrypted in memory only; your work is saved encrypted on this computer.</source>
        <translation>Expert Review Desk: score applications offline. Materials are decrypted in memory only; your work is saved encrypted on this computer.</translation>
    </message>
    <message>
        <source>About Expert Review Desk</source>
        <translation>About Expert Review Desk</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <source>Some changes could not be saved. Quit anyway?</source>
        <translation>Some changes could not be saved. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>MaterialViewer</name>
    <message>
        <source>Select a material to read it here.</source>
        <extracomment>(member_id, page) of what is on screen, page 0-based; -1 when nothing is.</extracomment>
        <translation>Select a material to read it here.</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>Fit page</source>
        <translation>Fit page</translation>
    </message>
    <message>
        <source>Search in document</source>
        <translation>Search in document</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>Copy the selected text (Ctrl+C)</source>
        <translation>Copy the selected text (Ctrl+C)</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>Previous match</source>
        <translation>Previous match</translation>
    </message>
    <message>
        <source>Next match</source>
        <translation>Next match</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Document page</source>
        <translation>Document page</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <source>Decrypting and checking the material…</source>
        <translation>Decrypting and checking the material…</translation>
    </message>
    <message>
        <source>its content is %1; only PDF documents and JPEG or PNG images are shown</source>
        <translation>its content is %1; only PDF documents and JPEG or PNG images are shown</translation>
    </message>
    <message>
        <source>it is too large (%1 pixels)</source>
        <translation>it is too large (%1 pixels)</translation>
    </message>
    <message>
        <source>it is damaged or not in the format it claims</source>
        <translation>it is damaged or not in the format it claims</translation>
    </message>
    <message>
        <source>the PDF is password-protected</source>
        <translation>the PDF is password-protected</translation>
    </message>
    <message>
        <source>it needs more memory than the viewer may use</source>
        <translation>it needs more memory than the viewer may use</translation>
    </message>
    <message>
        <source>it took longer than %1 seconds to open or draw; the viewer process was stopped</source>
        <translation>it took longer than %1 seconds to open or draw; the viewer process was stopped</translation>
    </message>
    <message>
        <source>the viewer process stopped on it (%1) and was restarted</source>
        <translation>the viewer process stopped on it (%1) and was restarted</translation>
    </message>
    <message>
        <source>the viewer process could not be started (%1)</source>
        <translation>the viewer process could not be started (%1)</translation>
    </message>
    <message>
        <source>the viewer process refused the request (%1)</source>
        <translation>the viewer process refused the request (%1)</translation>
    </message>
    <message>
        <source>the viewer process was restarted</source>
        <translation>the viewer process was restarted</translation>
    </message>
    <message>
        <source>This material cannot be shown: %1</source>
        <translation>This material cannot be shown: %1</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>No matches</translation>
    </message>
    <message>
        <source>%1 matches</source>
        <translation>%1 matches</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>of %1</source>
        <translation>of %1</translation>
    </message>
</context>
<context>
    <name>Materials</name>
    <message>
        <source>%1. %2 (%3)</source>
        <translation>%1. %2 (%3)</translation>
    </message>
</context>
<context>
    <name>MergePage</name>
    <message>
        <source>Merge sheets</source>
        <translation>Merge sheets</translation>
    </message>
    <message>
        <source>Merge score sheets…</source>
        <translation>Merge score sheets…</translation>
    </message>
    <message>
        <source>Register review package…</source>
        <translation>Register review package…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Revision</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Expert</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Verdict per sheet file</source>
        <translation>Verdict per sheet file</translation>
    </message>
    <message>
        <source>Hand-in per seat</source>
        <translation>Hand-in per seat</translation>
    </message>
    <message>
        <source>Merge summary</source>
        <translation>Merge summary</translation>
    </message>
    <message>
        <source>Hand-in summary</source>
        <translation>Hand-in summary</translation>
    </message>
    <message>
        <source>Handed in</source>
        <translation>Handed in</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Missing</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <source>Equivocating</source>
        <translation>Equivocating</translation>
    </message>
    <message>
        <source>Seats: %1 handed in, %2 missing, %3 replaced, %4 equivocating</source>
        <translation>Seats: %1 handed in, %2 missing, %3 replaced, %4 equivocating</translation>
    </message>
    <message>
        <source>Choose score sheets</source>
        <translation>Choose score sheets</translation>
    </message>
    <message>
        <source>Score sheets and photo packages (*.revsheet *.revphotos);;All files (*)</source>
        <translation>Score sheets and photo packages (*.revsheet *.revphotos);;All files (*)</translation>
    </message>
    <message>
        <source>Merging score sheets</source>
        <translation>Merging score sheets</translation>
    </message>
    <message>
        <source>Verifying and merging…</source>
        <translation>Verifying and merging…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Merge failed</source>
        <translation>Merge failed</translation>
    </message>
    <message>
        <source>The sheets could not be merged: %1</source>
        <translation>The sheets could not be merged: %1</translation>
    </message>
    <message>
        <source>No organizer key passphrase was given: the photo packages were not merged.</source>
        <translation>No organizer key passphrase was given: the photo packages were not merged.</translation>
    </message>
    <message>
        <source>Photo packages open only with this secretariat&apos;s organizer key: %1</source>
        <translation>Photo packages open only with this secretariat&apos;s organizer key: %1</translation>
    </message>
    <message>
        <source>Merging photo packages</source>
        <translation>Merging photo packages</translation>
    </message>
    <message>
        <source>Opening and checking photos…</source>
        <translation>Opening and checking photos…</translation>
    </message>
    <message>
        <source>The photo packages could not be merged: %1</source>
        <translation>The photo packages could not be merged: %1</translation>
    </message>
    <message>
        <source>The merge was cancelled before this file.</source>
        <translation>The merge was cancelled before this file.</translation>
    </message>
    <message>
        <source>%1 file(s): %2 merged, %3 refused.</source>
        <translation>%1 file(s): %2 merged, %3 refused.</translation>
    </message>
    <message>
        <source>Cancelled: %1 file(s) not processed (merge them again later; what was merged stays merged).</source>
        <translation>Cancelled: %1 file(s) not processed (merge them again later; what was merged stays merged).</translation>
    </message>
    <message>
        <source>Choose review package</source>
        <translation>Choose review package</translation>
    </message>
    <message>
        <source>Review packages (*.revpkg);;All files (*)</source>
        <translation>Review packages (*.revpkg);;All files (*)</translation>
    </message>
    <message>
        <source>The organizer key cannot be used: %1</source>
        <translation>The organizer key cannot be used: %1</translation>
    </message>
    <message>
        <source>Register review package</source>
        <translation>Register review package</translation>
    </message>
    <message>
        <source>Opening the package…</source>
        <translation>Opening the package…</translation>
    </message>
    <message>
        <source>Package %1 registered.</source>
        <translation>Package %1 registered.</translation>
    </message>
    <message>
        <source>Package %1 was registered already.</source>
        <translation>Package %1 was registered already.</translation>
    </message>
    <message>
        <source>The passphrase does not open this package.</source>
        <translation>The passphrase does not open this package.</translation>
    </message>
    <message>
        <source>This package is signed by organizer %1, not by this secretariat&apos;s key: it is not registered.</source>
        <translation>This package is signed by organizer %1, not by this secretariat&apos;s key: it is not registered.</translation>
    </message>
    <message>
        <source>The file is not a review package.</source>
        <translation>The file is not a review package.</translation>
    </message>
    <message>
        <source>The package is damaged or was altered: %1</source>
        <translation>The package is damaged or was altered: %1</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>The file cannot be read: %1</translation>
    </message>
    <message>
        <source>The package cannot be registered: %1</source>
        <translation>The package cannot be registered: %1</translation>
    </message>
</context>
<context>
    <name>OpenErrors</name>
    <message>
        <source>This package opens only with the key of an enrolled expert, not with a passphrase. Choose “My signing key on this computer”.</source>
        <translation>This package opens only with the key of an enrolled expert, not with a passphrase. Choose “My signing key on this computer”.</translation>
    </message>
    <message>
        <source>This file is not a review package. Check that you chose the .revpkg file you received.</source>
        <translation>This file is not a review package. Check that you chose the .revpkg file you received.</translation>
    </message>
    <message>
        <source>This package was made by a newer version of the software. Please update Expert Review Desk.</source>
        <translation>This package was made by a newer version of the software. Please update Expert Review Desk.</translation>
    </message>
    <message>
        <source>This package asks for more resources than allowed and was refused for your safety. Contact the secretariat.</source>
        <translation>This package asks for more resources than allowed and was refused for your safety. Contact the secretariat.</translation>
    </message>
    <message>
        <source>The package file is incomplete (the copy may have been interrupted). Copy it again from the USB drive.</source>
        <translation>The package file is incomplete (the copy may have been interrupted). Copy it again from the USB drive.</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Please try again.</source>
        <translation>The passphrase is not correct. Please try again.</translation>
    </message>
    <message>
        <source>This package was not built for your key. Use the package passphrase instead.</source>
        <translation>This package was not built for your key. Use the package passphrase instead.</translation>
    </message>
    <message>
        <source>There is no signing key on this computer yet, so no package can have been built for it. Use the package passphrase.</source>
        <translation>There is no signing key on this computer yet, so no package can have been built for it. Use the package passphrase.</translation>
    </message>
    <message>
        <source>Your signing key (fingerprint %2) can no longer be found on this computer. Use the package passphrase.</source>
        <translation>Your signing key (fingerprint %2) can no longer be found on this computer. Use the package passphrase.</translation>
    </message>
    <message>
        <source>The passphrase of your key file is not correct. Please try again.</source>
        <translation>The passphrase of your key file is not correct. Please try again.</translation>
    </message>
    <message>
        <source>Your signing key cannot be used: %1</source>
        <translation>Your signing key cannot be used: %1</translation>
    </message>
    <message>
        <source>The package has been altered or damaged and cannot be trusted. Do not use it; ask the secretariat for a new copy.</source>
        <translation>The package has been altered or damaged and cannot be trusted. Do not use it; ask the secretariat for a new copy.</translation>
    </message>
    <message>
        <source>The package is signed by an organizer key you have not trusted yet.</source>
        <translation>The package is signed by an organizer key you have not trusted yet.</translation>
    </message>
    <message>
        <source>The file cannot be read: %1</source>
        <translation>The file cannot be read: %1</translation>
    </message>
    <message>
        <source>This version cannot open review packages (the package reader is missing).</source>
        <translation>This version cannot open review packages (the package reader is missing).</translation>
    </message>
    <message>
        <source>The seat ID is not part of this package. Check your notification letter.</source>
        <translation>The seat ID is not part of this package. Check your notification letter.</translation>
    </message>
    <message>
        <source>This seat needs its seat code: type the code printed on your notification letter.</source>
        <translation>This seat needs its seat code: type the code printed on your notification letter.</translation>
    </message>
    <message>
        <source>This seat code does not belong to this seat. Check the seat ID and the code on your notification letter.</source>
        <translation>This seat code does not belong to this seat. Check the seat ID and the code on your notification letter.</translation>
    </message>
    <message>
        <source>Your saved work for this package cannot be opened: %1</source>
        <translation>Your saved work for this package cannot be opened: %1</translation>
    </message>
    <message>
        <source>This package is already open for this seat in another window of Expert Review Desk. Continue your work there, or close it there first.</source>
        <translation>This package is already open for this seat in another window of Expert Review Desk. Continue your work there, or close it there first.</translation>
    </message>
    <message>
        <source>The package could not be opened: %1</source>
        <translation>The package could not be opened: %1</translation>
    </message>
</context>
<context>
    <name>OrganizerPassphraseDialog</name>
    <message>
        <source>Organizer key passphrase</source>
        <translation>Organizer key passphrase</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so the organizer signing key is kept in an encrypted key file (in %1).

Choose a passphrase that is hard to guess to protect it. Without it no package can be signed, and nobody can recover it.</source>
        <translation>This computer has no usable system keyring, so the organizer signing key is kept in an encrypted key file (in %1).

Choose a passphrase that is hard to guess to protect it. Without it no package can be signed, and nobody can recover it.</translation>
    </message>
    <message>
        <source>Enter the passphrase of the organizer signing key (an encrypted key file in %1):</source>
        <translation>Enter the passphrase of the organizer signing key (an encrypted key file in %1):</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Step</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Round overview</source>
        <translation>Round overview</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>Program:</translation>
    </message>
    <message>
        <source>Annual budget (CNY):</source>
        <translation>Annual budget (CNY):</translation>
    </message>
    <message>
        <source>Left this year (CNY):</source>
        <translation>Left this year (CNY):</translation>
    </message>
    <message>
        <source>Steps of the round</source>
        <translation>Steps of the round</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>%1 (awarded %2)</source>
        <translation>%1 (awarded %2)</translation>
    </message>
    <message>
        <source>No package registered yet: open an intake and build a package first.</source>
        <translation>No package registered yet: open an intake and build a package first.</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>not yet</translation>
    </message>
    <message>
        <source>%1 to %2; %3 objection(s), %4 open</source>
        <translation>%1 to %2; %3 objection(s), %4 open</translation>
    </message>
    <message>
        <source>Intake checked</source>
        <translation>Intake checked</translation>
    </message>
    <message>
        <source>%1 project(s) checked, %2 need review</source>
        <translation>%1 project(s) checked, %2 need review</translation>
    </message>
    <message>
        <source>Decisions pending</source>
        <translation>Decisions pending</translation>
    </message>
    <message>
        <source>%1 pending, %2 decided</source>
        <translation>%1 pending, %2 decided</translation>
    </message>
    <message>
        <source>Packages built</source>
        <translation>Packages built</translation>
    </message>
    <message>
        <source>Sheets received</source>
        <translation>Sheets received</translation>
    </message>
    <message>
        <source>%1 of %2 seats</source>
        <translation>%1 of %2 seats</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>%1 run(s), last %2</source>
        <translation>%1 run(s), last %2</translation>
    </message>
    <message>
        <source>Publicity (公示)</source>
        <translation>Publicity (公示)</translation>
    </message>
    <message>
        <source>Final award plan</source>
        <translation>Final award plan</translation>
    </message>
    <message>
        <source>written</source>
        <translation>written</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Seats</source>
        <translation>Seats</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Equivocating</source>
        <translation>Equivocating</translation>
    </message>
    <message>
        <source>Registered</source>
        <translation>Registered</translation>
    </message>
    <message>
        <source>panel</source>
        <translation>panel</translation>
    </message>
    <message>
        <source>inspection</source>
        <translation>inspection</translation>
    </message>
    <message>
        <source>second round (复议) of %1</source>
        <translation>second round of %1</translation>
    </message>
</context>
<context>
    <name>PackageDialog</name>
    <message>
        <source>Register review package</source>
        <translation>Register review package</translation>
    </message>
    <message>
        <source>Passphrase of the package %1 (the one handed to the experts). It is used for this registration only and never stored.</source>
        <translation>Passphrase of the package %1 (the one handed to the experts). It is used for this registration only and never stored.</translation>
    </message>
    <message>
        <source>Package passphrase</source>
        <translation>Package passphrase</translation>
    </message>
    <message>
        <source>Organizer key</source>
        <translation>Organizer key</translation>
    </message>
    <message>
        <source>This computer has no system keyring: the organizer key is kept in an encrypted file. Its passphrase:</source>
        <translation>This computer has no system keyring: the organizer key is kept in an encrypted file. Its passphrase:</translation>
    </message>
    <message>
        <source>Organizer key passphrase</source>
        <translation>Organizer key passphrase</translation>
    </message>
</context>
<context>
    <name>PackageFileField</name>
    <message>
        <source>Save package as</source>
        <translation>Save package as</translation>
    </message>
    <message>
        <source>Review package (*.revpkg)</source>
        <translation>Review package (*.revpkg)</translation>
    </message>
</context>
<context>
    <name>PackagesPage</name>
    <message>
        <source>Packages</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>Intake folder:</source>
        <translation>Intake folder:</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>Kind:</translation>
    </message>
    <message>
        <source>Session name:</source>
        <translation>Session name:</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Package file:</source>
        <translation>Package file:</translation>
    </message>
    <message>
        <source>Seats and their experts (untick a seat to leave it out; double-click a name to change the expert):</source>
        <translation>Seats and their experts (untick a seat to leave it out; double-click a name to change the expert):</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Load seats</source>
        <translation>Load seats</translation>
    </message>
    <message>
        <source>Panel review</source>
        <translation>Panel review</translation>
    </message>
    <message>
        <source>On-site inspection</source>
        <translation>On-site inspection</translation>
    </message>
    <message>
        <source>Default: program name and kind</source>
        <translation>Default: program name and kind</translation>
    </message>
    <message>
        <source>Review deadline</source>
        <translation>Review deadline</translation>
    </message>
    <message>
        <source>Show organizer key</source>
        <translation>Show organizer key</translation>
    </message>
    <message>
        <source>Build package and letters</source>
        <translation>Build package and letters</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>%1 seat(s), %2 project(s). Choose the seats and build.</source>
        <translation>%1 seat(s), %2 project(s). Choose the seats and build.</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Try again.</source>
        <translation>The passphrase is not correct. Try again.</translation>
    </message>
    <message>
        <source>The organizer key cannot be used: %1</source>
        <translation>The organizer key cannot be used: %1</translation>
    </message>
    <message>
        <source>Too many wrong passphrases.</source>
        <translation>Too many wrong passphrases.</translation>
    </message>
    <message>
        <source>Organizer fingerprint: %1 (read it to the experts; it is on every letter)</source>
        <translation>Organizer fingerprint: %1 (read it to the experts; it is on every letter)</translation>
    </message>
    <message>
        <source>Load the intake&apos;s seats first.</source>
        <translation>Load the intake&apos;s seats first.</translation>
    </message>
    <message>
        <source>Choose at least one seat.</source>
        <translation>Choose at least one seat.</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>Choose where to save the package.</translation>
    </message>
    <message>
        <source>Building the package</source>
        <translation>Building the package</translation>
    </message>
    <message>
        <source>Encrypting the materials and writing the letters…</source>
        <translation>Encrypting the materials and writing the letters…</translation>
    </message>
    <message>
        <source>Cancelled: no package and no letter was written.</source>
        <translation>Cancelled: no package and no letter was written.</translation>
    </message>
    <message>
        <source>No package was built: %1</source>
        <translation>No package was built: %1</translation>
    </message>
    <message>
        <source>Built %1 (package %2): %3 seat(s), %4 project(s). Letters, one per seat with its seat code, are in %5: print them and keep them safe. The package is registered in the store.</source>
        <translation>Built %1 (package %2): %3 seat(s), %4 project(s). Letters, one per seat with its seat code, are in %5: print them and keep them safe. The package is registered in the store.</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Signing key passphrase</source>
        <translation>Signing key passphrase</translation>
    </message>
    <message>
        <source>This computer has no usable system keyring, so your signing key is kept in an encrypted key file on this computer (in %1).

Choose a passphrase that is hard to guess to protect it: several unrelated words, or 18 or more random characters. Without it the key cannot be used, and nobody can recover it.</source>
        <translation>This computer has no usable system keyring, so your signing key is kept in an encrypted key file on this computer (in %1).

Choose a passphrase that is hard to guess to protect it: several unrelated words, or 18 or more random characters. Without it the key cannot be used, and nobody can recover it.</translation>
    </message>
    <message>
        <source>Enter the passphrase of your signing key (an encrypted key file on this computer, in %1):</source>
        <translation>Enter the passphrase of your signing key (an encrypted key file on this computer, in %1):</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>Again:</source>
        <translation>Again:</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <source>This passphrase is too easy to guess (about %1 bits of strength, at least %2 needed). Make it longer: add unrelated words or random characters; avoid names, dates and common passwords.</source>
        <translation>This passphrase is too easy to guess (about %1 bits of strength, at least %2 needed). Make it longer: add unrelated words or random characters; avoid names, dates and common passwords.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
</context>
<context>
    <name>PhotoVerdicts</name>
    <message>
        <source>Photos accepted</source>
        <translation>Photos accepted</translation>
    </message>
    <message>
        <source>Already merged</source>
        <translation>Already merged</translation>
    </message>
    <message>
        <source>Older revision</source>
        <translation>Older revision</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>The file is larger than any photo package can be.</source>
        <translation>The file is larger than any photo package can be.</translation>
    </message>
    <message>
        <source>The file is not an inspection photo package.</source>
        <translation>The file is not an inspection photo package.</translation>
    </message>
    <message>
        <source>The photo package is not encrypted to this secretariat&apos;s organizer key.</source>
        <translation>The photo package is not encrypted to this secretariat&apos;s organizer key.</translation>
    </message>
    <message>
        <source>The photo package is incomplete (truncated).</source>
        <translation>The photo package is incomplete (truncated).</translation>
    </message>
    <message>
        <source>The photo package was altered or damaged.</source>
        <translation>The photo package was altered or damaged.</translation>
    </message>
    <message>
        <source>The photo package was written in a format this version does not read.</source>
        <translation>The photo package was written in a format this version does not read.</translation>
    </message>
    <message>
        <source>A photo in the package does not match its hash.</source>
        <translation>A photo in the package does not match its hash.</translation>
    </message>
    <message>
        <source>The photo package&apos;s index is malformed.</source>
        <translation>The photo package&apos;s index is malformed.</translation>
    </message>
    <message>
        <source>%1 photo(s) of seat %2&apos;s sheet, revision %3, received.</source>
        <translation>%1 photo(s) of seat %2&apos;s sheet, revision %3, received.</translation>
    </message>
    <message>
        <source>This photo package was merged before.</source>
        <translation>This photo package was merged before.</translation>
    </message>
    <message>
        <source>The photos of this sheet were received before (in another file).</source>
        <translation>The photos of this sheet were received before (in another file).</translation>
    </message>
    <message>
        <source>For sheet revision %1, which revision %2 replaced: the photos exported with revision %2 are needed.</source>
        <translation>For sheet revision %1, which revision %2 replaced: the photos exported with revision %2 are needed.</translation>
    </message>
    <message>
        <source>The photo package&apos;s review package is not registered in this store: register the package first.</source>
        <translation>The photo package&apos;s review package is not registered in this store: register the package first.</translation>
    </message>
    <message>
        <source>The photo package belongs to another build of its review package.</source>
        <translation>The photo package belongs to another build of its review package.</translation>
    </message>
    <message>
        <source>Photos belong to inspection packages only.</source>
        <translation>Photos belong to inspection packages only.</translation>
    </message>
    <message>
        <source>Seat %1 has no accepted sheet yet: merge its sheet (revision %2) first.</source>
        <translation>Seat %1 has no accepted sheet yet: merge its sheet (revision %2) first.</translation>
    </message>
    <message>
        <source>For seat %1&apos;s sheet revision %2, which is not the accepted revision %3.</source>
        <translation>For seat %1&apos;s sheet revision %2, which is not the accepted revision %3.</translation>
    </message>
    <message>
        <source>Seat %1&apos;s sheets equivocate: no photos count until a higher revision settles it.</source>
        <translation>Seat %1&apos;s sheets equivocate: no photos count until a higher revision settles it.</translation>
    </message>
    <message>
        <source>The photo package is not signed with the key of seat %1&apos;s accepted sheet.</source>
        <translation>The photo package is not signed with the key of seat %1&apos;s accepted sheet.</translation>
    </message>
    <message>
        <source>The photos do not match the sheet: %1 missing, %2 not in the sheet, %3 with another type or caption.</source>
        <translation>The photos do not match the sheet: %1 missing, %2 not in the sheet, %3 with another type or caption.</translation>
    </message>
</context>
<context>
    <name>ProjectInfo</name>
    <message>
        <source>Project ID</source>
        <translation>Project ID</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>Entity type</source>
        <translation>Entity type</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Registered district</source>
        <translation>Registered district</translation>
    </message>
    <message>
        <source>Registration date</source>
        <translation>Registration date</translation>
    </message>
    <message>
        <source>Cloud vendor</source>
        <translation>Cloud vendor</translation>
    </message>
    <message>
        <source>Contract number</source>
        <translation>Contract number</translation>
    </message>
    <message>
        <source>Contract amount</source>
        <translation>Contract amount</translation>
    </message>
    <message>
        <source>Contract signed</source>
        <translation>Contract signed</translation>
    </message>
    <message>
        <source>Completion date</source>
        <translation>Completion date</translation>
    </message>
    <message>
        <source>Final acceptance report</source>
        <translation>Final acceptance report</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>Actual cost</translation>
    </message>
    <message>
        <source>Requested amount</source>
        <translation>Requested amount</translation>
    </message>
    <message>
        <source>%1 yuan (%2 ten-thousand yuan)</source>
        <translation>%1 yuan (%2 ten-thousand yuan)</translation>
    </message>
    <message>
        <source>(not given)</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>Project summary</source>
        <translation>Project summary</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>passed</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>failed</translation>
    </message>
    <message>
        <source>needs review</source>
        <translation>needs review</translation>
    </message>
    <message>
        <source>Eligibility check: %1</source>
        <translation>Eligibility check: %1</translation>
    </message>
</context>
<context>
    <name>ProjectStatus</name>
    <message>
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>Conflict declared</source>
        <translation>Conflict declared</translation>
    </message>
    <message>
        <source>total %1</source>
        <translation>total %1</translation>
    </message>
</context>
<context>
    <name>PublicityPage</name>
    <message>
        <source>公示 and award plan</source>
        <translation>公示 and award plan</translation>
    </message>
    <message>
        <source>公示 period (5 working days)</source>
        <translation>公示 period (5 working days)</translation>
    </message>
    <message>
        <source>First day of the 公示</source>
        <translation>First day of the 公示</translation>
    </message>
    <message>
        <source>Start the 公示 and write the notice…</source>
        <translation>Start the 公示 and write the notice…</translation>
    </message>
    <message>
        <source>Load holiday supplement file…</source>
        <translation>Load holiday supplement file…</translation>
    </message>
    <message>
        <source>For a year the official holiday calendar does not cover yet: the State Council&apos;s notice transcribed into a file (reviewer-app/holidays/1)</source>
        <translation>For a year the official holiday calendar does not cover yet: the State Council&apos;s notice transcribed into a file (reviewer-app/holidays/1)</translation>
    </message>
    <message>
        <source>Budget on notice</source>
        <translation>Budget on notice</translation>
    </message>
    <message>
        <source>公示 list</source>
        <translation>公示 list</translation>
    </message>
    <message>
        <source>Objections</source>
        <translation>Objections</translation>
    </message>
    <message>
        <source>Record an objection</source>
        <translation>Record an objection</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Objection (summary)</source>
        <translation>Objection (summary)</translation>
    </message>
    <message>
        <source>Received on</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>Record objection</source>
        <translation>Record objection</translation>
    </message>
    <message>
        <source>Decide the selected objection</source>
        <translation>Decide the selected objection</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Decided by</source>
        <translation>Decided by</translation>
    </message>
    <message>
        <source>Objection upheld (not funded)</source>
        <translation>Objection upheld (not funded)</translation>
    </message>
    <message>
        <source>Objection dismissed (award stands)</source>
        <translation>Objection dismissed (award stands)</translation>
    </message>
    <message>
        <source>Record decision</source>
        <translation>Record decision</translation>
    </message>
    <message>
        <source>Write the final award plan…</source>
        <translation>Write the final award plan…</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>Objection</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>Upheld</source>
        <translation>Upheld</translation>
    </message>
    <message>
        <source>Dismissed</source>
        <translation>Dismissed</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>Pending</translation>
    </message>
    <message>
        <source>No 公示 period yet.</source>
        <translation>No 公示 period yet.</translation>
    </message>
    <message>
        <source>The award plan can be written after the 公示.</source>
        <translation>The award plan can be written after the 公示.</translation>
    </message>
    <message>
        <source>公示期 %1 – %2 (%3 working days; calendar: %4)</source>
        <translation>公示期 %1 – %2 (%3 working days; calendar: %4)</translation>
    </message>
    <message>
        <source>The award plan of this 公示 has been written.</source>
        <translation>The award plan of this 公示 has been written.</translation>
    </message>
    <message>
        <source>The 公示 runs until %1: the award plan can be written from the day after.</source>
        <translation>The 公示 runs until %1: the award plan can be written from the day after.</translation>
    </message>
    <message>
        <source>Objections without a decision: %1.</source>
        <translation>Objections without a decision: %1.</translation>
    </message>
    <message>
        <source>The 公示 has ended: the award plan can be written.</source>
        <translation>The 公示 has ended: the award plan can be written.</translation>
    </message>
    <message>
        <source>Budget on notice: %1 yuan, given for this round.</source>
        <translation>Budget on notice: %1 yuan, given for this round.</translation>
    </message>
    <message>
        <source>Budget on notice: %1 yuan, the annual budget less prior awards.</source>
        <translation>Budget on notice: %1 yuan, the annual budget less prior awards.</translation>
    </message>
    <message>
        <source>The notice will put on notice the budget given for this round on the results page: %1 yuan.</source>
        <translation>The notice will put on notice the budget given for this round on the results page: %1 yuan.</translation>
    </message>
    <message>
        <source>The notice will put on notice the default budget: the annual budget less prior awards (a budget for this round is given on the results page).</source>
        <translation>The notice will put on notice the default budget: the annual budget less prior awards (a budget for this round is given on the results page).</translation>
    </message>
    <message>
        <source>Holiday calendar: %1 only.</source>
        <translation>Holiday calendar: %1 only.</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Holiday supplement for %1.</source>
        <translation>Holiday supplement for %1.</translation>
    </message>
    <message>
        <source>Choose holiday supplement files</source>
        <translation>Choose holiday supplement files</translation>
    </message>
    <message>
        <source>Holiday supplements (*.toml);;All files (*)</source>
        <translation>Holiday supplements (*.toml);;All files (*)</translation>
    </message>
    <message>
        <source>The holiday supplement %1 is refused: %2</source>
        <translation>The holiday supplement %1 is refused: %2</translation>
    </message>
    <message>
        <source>Holiday supplement loaded: a 公示 may now fall in %1.</source>
        <translation>Holiday supplement loaded: a 公示 may now fall in %1.</translation>
    </message>
    <message>
        <source>Write the notice (publicity.pdf, .csv) into</source>
        <translation>Write the notice (publicity.pdf, .csv) into</translation>
    </message>
    <message>
        <source>公示</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>Writing the notice…</source>
        <translation>Writing the notice…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>公示 opened; the notice is in %1: %2</source>
        <translation>公示 opened; the notice is in %1: %2</translation>
    </message>
    <message>
        <source>Objection %1 recorded for %2.</source>
        <translation>Objection %1 recorded for %2.</translation>
    </message>
    <message>
        <source>Select the objection to decide in the table.</source>
        <translation>Select the objection to decide in the table.</translation>
    </message>
    <message>
        <source>Objection %1: %2.</source>
        <translation>Objection %1: %2.</translation>
    </message>
    <message>
        <source>Write the award plan and final results into</source>
        <translation>Write the award plan and final results into</translation>
    </message>
    <message>
        <source>Award plan</source>
        <translation>Award plan</translation>
    </message>
    <message>
        <source>Writing the award plan…</source>
        <translation>Writing the award plan…</translation>
    </message>
    <message>
        <source>Award plan written to %1: %2 project(s), %3 yuan.</source>
        <translation>Award plan written to %1: %2 project(s), %3 yuan.</translation>
    </message>
</context>
<context>
    <name>PublicityText</name>
    <message>
        <source>Eligibility decisions are pending for %1: decide them before the 公示.</source>
        <translation>Eligibility decisions are pending for %1: decide them before the 公示.</translation>
    </message>
    <message>
        <source>The official holiday calendar (%1) does not cover %2 yet: load a holiday supplement file for %2, or update the calendar, before setting a 公示 period in that year.</source>
        <translation>The official holiday calendar (%1) does not cover %2 yet: load a holiday supplement file for %2, or update the calendar, before setting a 公示 period in that year.</translation>
    </message>
    <message>
        <source>No %1 working days within %2 days of %3.</source>
        <translation>No %1 working days within %2 days of %3.</translation>
    </message>
    <message>
        <source>A 公示 period is already recorded (from %1): a new one must start today (%2, Beijing time) or later, not %3.</source>
        <translation>A 公示 period is already recorded (from %1): a new one must start today (%2, Beijing time) or later, not %3.</translation>
    </message>
    <message>
        <source>The award plan was written on %1: the round is closed and no new 公示 can be opened.</source>
        <translation>The award plan was written on %1: the round is closed and no new 公示 can be opened.</translation>
    </message>
    <message>
        <source>No 公示 period is recorded yet: start one first.</source>
        <translation>No 公示 period is recorded yet: start one first.</translation>
    </message>
    <message>
        <source>Project %1 is not on the 公示 list.</source>
        <translation>Project %1 is not on the 公示 list.</translation>
    </message>
    <message>
        <source>Received on %1, outside the 公示 period %2 – %3.</source>
        <translation>Received on %1, outside the 公示 period %2 – %3.</translation>
    </message>
    <message>
        <source>The objection&apos;s text is empty.</source>
        <translation>The objection&apos;s text is empty.</translation>
    </message>
    <message>
        <source>The objection&apos;s text has %1 characters (at most %2): record a summary and keep the letter on file.</source>
        <translation>The objection&apos;s text has %1 characters (at most %2): record a summary and keep the letter on file.</translation>
    </message>
    <message>
        <source>A decision on an objection needs who decided and why.</source>
        <translation>A decision on an objection needs who decided and why.</translation>
    </message>
    <message>
        <source>There is no objection number %1.</source>
        <translation>There is no objection number %1.</translation>
    </message>
    <message>
        <source>Objection %1 was settled in the award plan already written; it cannot be decided again.</source>
        <translation>Objection %1 was settled in the award plan already written; it cannot be decided again.</translation>
    </message>
    <message>
        <source>The 公示 period ends on %1 (today is %2, Beijing time): the award plan can be written from the day after.</source>
        <translation>The 公示 period ends on %1 (today is %2, Beijing time): the award plan can be written from the day after.</translation>
    </message>
    <message>
        <source>Objections without a decision: %1. Decide them first.</source>
        <translation>Objections without a decision: %1. Decide them first.</translation>
    </message>
    <message>
        <source>The results have changed since the 公示 (sheets merged, decisions or ledger entries recorded): open a new 公示 period.</source>
        <translation>The results have changed since the 公示 (sheets merged, decisions or ledger entries recorded): open a new 公示 period.</translation>
    </message>
    <message>
        <source>No panel package is registered: there are no results to put on notice.</source>
        <translation>No panel package is registered: there are no results to put on notice.</translation>
    </message>
    <message>
        <source>the file is larger than %1 bytes.</source>
        <translation>the file is larger than %1 bytes.</translation>
    </message>
    <message>
        <source>it is not a UTF-8 TOML text.</source>
        <translation>it is not a UTF-8 TOML text.</translation>
    </message>
    <message>
        <source>its keys must be exactly %1.</source>
        <translation>its keys must be exactly %1.</translation>
    </message>
    <message>
        <source>its format is %1, not %2.</source>
        <translation>its format is %1, not %2.</translation>
    </message>
    <message>
        <source>its year must be a year between 2000 and 2100.</source>
        <translation>its year must be a year between 2000 and 2100.</translation>
    </message>
    <message>
        <source>its source must name the notice it was copied from (one line, at most 200 characters).</source>
        <translation>its source must name the notice it was copied from (one line, at most 200 characters).</translation>
    </message>
    <message>
        <source>%1 must be a list of dates.</source>
        <translation>%1 must be a list of dates.</translation>
    </message>
    <message>
        <source>%1 holds something that is not a date (YYYY-MM-DD).</source>
        <translation>%1 holds something that is not a date (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>%1 lists %2, which is not in %3.</source>
        <translation>%1 lists %2, which is not in %3.</translation>
    </message>
    <message>
        <source>%1 lists a date twice.</source>
        <translation>%1 lists a date twice.</translation>
    </message>
    <message>
        <source>it lists no holiday.</source>
        <translation>it lists no holiday.</translation>
    </message>
    <message>
        <source>%1 is both a holiday and a working day.</source>
        <translation>%1 is both a holiday and a working day.</translation>
    </message>
    <message>
        <source>workdays lists %1, a weekday: only weekend days worked in exchange (调休上班) belong there.</source>
        <translation>workdays lists %1, a weekday: only weekend days worked in exchange (调休上班) belong there.</translation>
    </message>
    <message>
        <source>two files were given for %1.</source>
        <translation>two files were given for %1.</translation>
    </message>
    <message>
        <source>the official calendar (%1) already covers %2: give no supplement for that year.</source>
        <translation>the official calendar (%1) already covers %2: give no supplement for that year.</translation>
    </message>
    <message>
        <source>the file cannot be read: %1</source>
        <translation>the file cannot be read: %1</translation>
    </message>
    <message>
        <source>it is not a regular file.</source>
        <translation>it is not a regular file.</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Look in:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>Files of &amp;type:</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Results</source>
        <translation>Results</translation>
    </message>
    <message>
        <source>Filter: project, enterprise, reason…</source>
        <translation>Filter: project, enterprise, reason…</translation>
    </message>
    <message>
        <source>Filter results</source>
        <translation>Filter results</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Recompute</source>
        <translation>Recompute</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Computing the results</source>
        <translation>Computing the results</translation>
    </message>
    <message>
        <source>Export XLSX, PDF, CSV…</source>
        <translation>Export XLSX, PDF, CSV…</translation>
    </message>
    <message>
        <source>Results table</source>
        <translation>Results table</translation>
    </message>
    <message>
        <source>Experts&apos; totals per project</source>
        <translation>Experts&apos; totals per project</translation>
    </message>
    <message>
        <source>Divergence view</source>
        <translation>Divergence view</translation>
    </message>
    <message>
        <source>Budget use</source>
        <translation>Budget use</translation>
    </message>
    <message>
        <source>Results summary</source>
        <translation>Results summary</translation>
    </message>
    <message>
        <source>Start a second round (复议)…</source>
        <translation>Start a second round…</translation>
    </message>
    <message>
        <source>Build a second-round package of the divergent projects for the same experts</source>
        <translation>Build a second-round package of the divergent projects for the same experts</translation>
    </message>
    <message>
        <source>Conflicts by category</source>
        <translation>Conflicts by category</translation>
    </message>
    <message>
        <source>Panel-size warnings</source>
        <translation>Panel-size warnings</translation>
    </message>
    <message>
        <source>All projects</source>
        <translation>All projects</translation>
    </message>
    <message>
        <source>Funded</source>
        <translation>Funded</translation>
    </message>
    <message>
        <source>Not funded</source>
        <translation>Not funded</translation>
    </message>
    <message>
        <source>Flagged for re-review</source>
        <translation>Flagged for re-review</translation>
    </message>
    <message>
        <source>Eligibility decision pending</source>
        <translation>Eligibility decision pending</translation>
    </message>
    <message>
        <source>Tier: %1</source>
        <translation>Tier: %1</translation>
    </message>
    <message>
        <source>Computing the results…</source>
        <translation>Computing the results…</translation>
    </message>
    <message>
        <source>Computation cancelled: the table shows the results computed before, if any.</source>
        <translation>Computation cancelled: the table shows the results computed before, if any.</translation>
    </message>
    <message>
        <source>No results yet: register the panel package and merge the experts&apos; sheets on the merge page first.</source>
        <translation>No results yet: register the panel package and merge the experts&apos; sheets on the merge page first.</translation>
    </message>
    <message>
        <source>The results cannot be computed: %1</source>
        <translation>The results cannot be computed: %1</translation>
    </message>
    <message>
        <source>Panel size:</source>
        <translation>Panel size:</translation>
    </message>
    <message>
        <source>%1 projects, %2 funded; %3 of %4 yuan awarded; %5 flagged for re-review; %6 awaiting an eligibility decision.</source>
        <translation>%1 projects, %2 funded; %3 of %4 yuan awarded; %5 flagged for re-review; %6 awaiting an eligibility decision.</translation>
    </message>
    <message>
        <source> (budget given for this round)</source>
        <translation> (budget given for this round)</translation>
    </message>
    <message>
        <source>Export the results into</source>
        <translation>Export the results into</translation>
    </message>
    <message>
        <source>Export results</source>
        <translation>Export results</translation>
    </message>
    <message>
        <source>Writing the results files…</source>
        <translation>Writing the results files…</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>Export cancelled: nothing was written.</translation>
    </message>
    <message>
        <source>The results could not be exported: %1</source>
        <translation>The results could not be exported: %1</translation>
    </message>
    <message>
        <source>Exported to %1: %2</source>
        <translation>Exported to %1: %2</translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>Rank</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Enterprise</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Divergence</source>
        <translation>Divergence</translation>
    </message>
    <message>
        <source>Second round</source>
        <translation>Second round</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>Amount (yuan)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>eligibility decision pending</source>
        <translation>eligibility decision pending</translation>
    </message>
    <message>
        <source>(re-review)</source>
        <translation>(re-review)</translation>
    </message>
    <message>
        <source>Second round: round 2 counted for %1 of %2 seat(s); first round %3</source>
        <translation>Second round: round 2 counted for %1 of %2 seat(s); first round %3</translation>
    </message>
    <message>
        <source>uncategorised</source>
        <translation>uncategorised</translation>
    </message>
    <message>
        <source>Conflicts declared: %1</source>
        <translation>Conflicts declared: %1</translation>
    </message>
    <message>
        <source>Conflicts declared: %1 (%2)</source>
        <translation>Conflicts declared: %1 (%2)</translation>
    </message>
    <message>
        <source>%1: %2 valid review(s), fewer than the %3 the program recommends</source>
        <translation>%1: %2 valid review(s), fewer than the %3 the program recommends</translation>
    </message>
    <message>
        <source>%1: %2 valid reviews, an even number where the program asks for an odd one</source>
        <translation>%1: %2 valid reviews, an even number where the program asks for an odd one</translation>
    </message>
    <message>
        <source>%1: %2 ten-thousand yuan</source>
        <translation>%1: %2 ten-thousand yuan</translation>
    </message>
    <message>
        <source>Left: %1 of %2 ten-thousand yuan</source>
        <translation>Left: %1 of %2 ten-thousand yuan</translation>
    </message>
</context>
<context>
    <name>RoundBudgetField</name>
    <message>
        <source>Budget for this round (CNY):</source>
        <translation>Budget for this round (CNY):</translation>
    </message>
    <message>
        <source>Budget for this round (CNY)</source>
        <translation>Budget for this round (CNY)</translation>
    </message>
    <message>
        <source>Budget for this round: state</source>
        <translation>Budget for this round: state</translation>
    </message>
    <message>
        <source>Default: the annual budget less prior awards</source>
        <translation>Default: the annual budget less prior awards</translation>
    </message>
    <message>
        <source>Default: %1 (budget left)</source>
        <translation>Default: %1 (budget left)</translation>
    </message>
    <message>
        <source>Empty: the program&apos;s annual budget less this year&apos;s prior awards. Press Enter to recompute the results with the budget given.</source>
        <translation>Empty: the program&apos;s annual budget less this year&apos;s prior awards. Press Enter to recompute the results with the budget given.</translation>
    </message>
    <message>
        <source>A 公示 period is open: the results and the award plan are computed with the budget put on notice (%1 yuan), which cannot be changed here.</source>
        <translation>A 公示 period is open: the results and the award plan are computed with the budget put on notice (%1 yuan), which cannot be changed here.</translation>
    </message>
    <message>
        <source>Budget on notice: %1 yuan (%2).</source>
        <translation>Budget on notice: %1 yuan (%2).</translation>
    </message>
    <message>
        <source>given for this round</source>
        <translation>given for this round</translation>
    </message>
    <message>
        <source>the annual budget less prior awards</source>
        <translation>the annual budget less prior awards</translation>
    </message>
    <message>
        <source>The budget for this round cannot be negative: “%1”.</source>
        <translation>The budget for this round cannot be negative: “%1”.</translation>
    </message>
    <message>
        <source>“%1” is not an amount in yuan: type digits, e.g. 3000000 or 3,000,000.50 (no 万 or 元).</source>
        <translation>“%1” is not an amount in yuan: type digits, e.g. 3000000 or 3,000,000.50 (no 万 or 元).</translation>
    </message>
    <message>
        <source>No budget given: the results use the annual budget less prior awards.</source>
        <translation>No budget given: the results use the annual budget less prior awards.</translation>
    </message>
    <message>
        <source>Budget for this round: %1 yuan.</source>
        <translation>Budget for this round: %1 yuan.</translation>
    </message>
    <message>
        <source>%1 yuan</source>
        <translation>%1 yuan</translation>
    </message>
    <message>
        <source>The results keep the budget %1.</source>
        <translation>The results keep the budget %1.</translation>
    </message>
</context>
<context>
    <name>RubricPanel</name>
    <message>
        <source>Conflict of interest</source>
        <translation>Conflict of interest</translation>
    </message>
    <message>
        <source>I declare a conflict of interest with this project</source>
        <translation>I declare a conflict of interest with this project</translation>
    </message>
    <message>
        <source>Reason (required when declaring)</source>
        <translation>Reason (required when declaring)</translation>
    </message>
    <message>
        <source>(choose the kind of conflict)</source>
        <translation>(choose the kind of conflict)</translation>
    </message>
    <message>
        <source>Kind of conflict of interest</source>
        <translation>Kind of conflict of interest</translation>
    </message>
    <message>
        <source>Scoring is disabled: your review of this project will not be counted.</source>
        <translation>Scoring is disabled: your review of this project will not be counted.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>Overall comment:</source>
        <translation>Overall comment:</translation>
    </message>
    <message>
        <source>Recommendation:</source>
        <translation>Recommendation:</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>Recommend funding</source>
        <translation>Recommend funding</translation>
    </message>
    <message>
        <source>Recommend with conditions</source>
        <translation>Recommend with conditions</translation>
    </message>
    <message>
        <source>Do not recommend</source>
        <translation>Do not recommend</translation>
    </message>
    <message>
        <source>Overall assessment of the project</source>
        <translation>Overall assessment of the project</translation>
    </message>
    <message>
        <source>Overall comment</source>
        <translation>Overall comment</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>Recommendation</translation>
    </message>
    <message>
        <source>Reason for the conflict of interest</source>
        <translation>Reason for the conflict of interest</translation>
    </message>
    <message>
        <source>Evidence links</source>
        <translation>Evidence links</translation>
    </message>
    <message>
        <source>Total score</source>
        <translation>Total score</translation>
    </message>
    <message>
        <source>While reading, use “Attach page” to link the page on screen to a criterion. Click a link to jump to its page.</source>
        <translation>While reading, use “Attach page” to link the page on screen to a criterion. Click a link to jump to its page.</translation>
    </message>
    <message>
        <source>Remove link</source>
        <translation>Remove link</translation>
    </message>
    <message>
        <source>%1 — %2, page %3</source>
        <translation>%1 — %2, page %3</translation>
    </message>
    <message>
        <source>Total: %1 / %2 (%3 of %4 criteria scored)</source>
        <translation>Total: %1 / %2 (%3 of %4 criteria scored)</translation>
    </message>
</context>
<context>
    <name>SeatChoiceModel</name>
    <message>
        <source>Seat</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Expert</translation>
    </message>
    <message>
        <source>Projects</source>
        <translation>Projects</translation>
    </message>
    <message>
        <source>Affiliation</source>
        <translation>Affiliation</translation>
    </message>
</context>
<context>
    <name>SecondRoundDialog</name>
    <message>
        <source>Second round (复议)</source>
        <translation>Second round</translation>
    </message>
    <message>
        <source>First-round package:</source>
        <translation>First-round package:</translation>
    </message>
    <message>
        <source>Its passphrase:</source>
        <translation>Its passphrase:</translation>
    </message>
    <message>
        <source>Projects to review again (the divergent ones are ticked):</source>
        <translation>Projects to review again (the divergent ones are ticked):</translation>
    </message>
    <message>
        <source>Experts asked again (the same seats, new seat codes):</source>
        <translation>Experts asked again (the same seats, new seat codes):</translation>
    </message>
    <message>
        <source>Deadline:</source>
        <translation>Deadline:</translation>
    </message>
    <message>
        <source>Package file:</source>
        <translation>Package file:</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Review deadline</source>
        <translation>Review deadline</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>Build the second-round package and letters</source>
        <translation>Build the second-round package and letters</translation>
    </message>
    <message>
        <source>Seat</source>
        <translation>Seat</translation>
    </message>
    <message>
        <source>Expert</source>
        <translation>Expert</translation>
    </message>
    <message>
        <source>Asked about</source>
        <translation>Asked about</translation>
    </message>
    <message>
        <source>Not asked</source>
        <translation>Not asked</translation>
    </message>
    <message>
        <source>Choose the first-round package</source>
        <translation>Choose the first-round package</translation>
    </message>
    <message>
        <source>Review packages (*.revpkg);;All files (*)</source>
        <translation>Review packages (*.revpkg);;All files (*)</translation>
    </message>
    <message>
        <source>Choose the first-round package.</source>
        <translation>Choose the first-round package.</translation>
    </message>
    <message>
        <source>Type the first-round package&apos;s passphrase.</source>
        <translation>Type the first-round package&apos;s passphrase.</translation>
    </message>
    <message>
        <source>The organizer key cannot be used: %1</source>
        <translation>The organizer key cannot be used: %1</translation>
    </message>
    <message>
        <source>Second round</source>
        <translation>Second round</translation>
    </message>
    <message>
        <source>Opening the first-round package…</source>
        <translation>Opening the first-round package…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Divergent in the first round: %1. Tick other projects to review them again too.</source>
        <translation>Divergent in the first round: %1. Tick other projects to review them again too.</translation>
    </message>
    <message>
        <source>No project of the first round is divergent. Tick the projects the panel should review again, if any.</source>
        <translation>No project of the first round is divergent. Tick the projects the panel should review again, if any.</translation>
    </message>
    <message>
        <source>%1 %2 (spread %3)</source>
        <translation>%1 %2 (spread %3)</translation>
    </message>
    <message>
        <source>divergent</source>
        <translation>divergent</translation>
    </message>
    <message>
        <source>— has a second round already (%1)</source>
        <translation>— has a second round already (%1)</translation>
    </message>
    <message>
        <source>no first-round sheet</source>
        <translation>no first-round sheet</translation>
    </message>
    <message>
        <source>recused: %1</source>
        <translation>recused: %1</translation>
    </message>
    <message>
        <source>did not review: %1</source>
        <translation>did not review: %1</translation>
    </message>
    <message>
        <source>Open the first-round package first.</source>
        <translation>Open the first-round package first.</translation>
    </message>
    <message>
        <source>Choose at least one project to review again.</source>
        <translation>Choose at least one project to review again.</translation>
    </message>
    <message>
        <source>No expert scored the chosen projects in the first round: nobody can be asked again.</source>
        <translation>No expert scored the chosen projects in the first round: nobody can be asked again.</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>Choose where to save the package.</translation>
    </message>
    <message>
        <source>%1 exists already: a package is never replaced. Choose another name.</source>
        <translation>%1 exists already: a package is never replaced. Choose another name.</translation>
    </message>
    <message>
        <source>Building the second-round package</source>
        <translation>Building the second-round package</translation>
    </message>
    <message>
        <source>Encrypting the materials and writing the letters…</source>
        <translation>Encrypting the materials and writing the letters…</translation>
    </message>
    <message>
        <source>Cancelled: no package and no letter was written.</source>
        <translation>Cancelled: no package and no letter was written.</translation>
    </message>
    <message>
        <source>Built %1 (second-round package %2): projects %3, %4 seat(s). Letters, one per seat with its new seat code, are in %5: print them. The package is registered in the store.</source>
        <translation>Built %1 (second-round package %2): projects %3, %4 seat(s). Letters, one per seat with its new seat code, are in %5: print them. The package is registered in the store.</translation>
    </message>
    <message>
        <source>The passphrase does not open this package: type the first round&apos;s passphrase again.</source>
        <translation>The passphrase does not open this package: type the first round&apos;s passphrase again.</translation>
    </message>
    <message>
        <source>This package is signed by organizer %1, not by this secretariat&apos;s key: no second round is built from it.</source>
        <translation>This package is signed by organizer %1, not by this secretariat&apos;s key: no second round is built from it.</translation>
    </message>
    <message>
        <source>The file is not a review package.</source>
        <translation>The file is not a review package.</translation>
    </message>
    <message>
        <source>The package is damaged or was altered: %1</source>
        <translation>The package is damaged or was altered: %1</translation>
    </message>
    <message>
        <source>This package is not registered in the store: register it and merge its sheets on the merge page first.</source>
        <translation>This package is not registered in the store: register it and merge its sheets on the merge page first.</translation>
    </message>
    <message>
        <source>This is not a first-round panel package: a second round starts from the first round&apos;s package.</source>
        <translation>This is not a first-round panel package: a second round starts from the first round&apos;s package.</translation>
    </message>
    <message>
        <source>%1 already has a second round (package %2): a project is reviewed again only once.</source>
        <translation>%1 already has a second round (package %2): a project is reviewed again only once.</translation>
    </message>
    <message>
        <source>The projects cannot be reviewed again: %1</source>
        <translation>The projects cannot be reviewed again: %1</translation>
    </message>
    <message>
        <source>A file cannot be read or written: %1</source>
        <translation>A file cannot be read or written: %1</translation>
    </message>
    <message>
        <source>No second-round package was built: %1</source>
        <translation>No second-round package was built: %1</translation>
    </message>
</context>
<context>
    <name>SheetController</name>
    <message>
        <source>Public key (*.pub);;All files (*)</source>
        <translation>Public key (*.pub);;All files (*)</translation>
    </message>
    <message>
        <source>My &amp;signing key…</source>
        <translation>My &amp;signing key…</translation>
    </message>
    <message>
        <source>Fingerprint of the key that signs your score sheets; export your public key</source>
        <translation>Fingerprint of the key that signs your score sheets; export your public key</translation>
    </message>
    <message>
        <source>The passphrase is not correct. Try again.</source>
        <translation>The passphrase is not correct. Try again.</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>Your signing key cannot be used: %1</source>
        <translation>Your signing key cannot be used: %1</translation>
    </message>
    <message>
        <source>Too many wrong passphrases.</source>
        <translation>Too many wrong passphrases.</translation>
    </message>
    <message>
        <source>Signing key not found</source>
        <translation>Signing key not found</translation>
    </message>
    <message>
        <source>Your signing key (fingerprint %1) can no longer be found on this computer. Score sheets you already exported stay valid.

Create a new signing key now? Then send your new public key to the secretariat.</source>
        <translation>Your signing key (fingerprint %1) can no longer be found on this computer. Score sheets you already exported stay valid.

Create a new signing key now? Then send your new public key to the secretariat.</translation>
    </message>
    <message>
        <source>the system keyring of this computer</source>
        <translation>the system keyring of this computer</translation>
    </message>
    <message>
        <source>an encrypted key file on this computer (in %1), protected by your passphrase</source>
        <translation>an encrypted key file on this computer (in %1), protected by your passphrase</translation>
    </message>
    <message>
        <source> (no usable system keyring here)</source>
        <translation> (no usable system keyring here)</translation>
    </message>
    <message>
        <source>Signing key created</source>
        <translation>Signing key created</translation>
    </message>
    <message>
        <source>A new signing key was created for you and kept in %1.

Fingerprint: %2</source>
        <translation>A new signing key was created for you and kept in %1.

Fingerprint: %2</translation>
    </message>
    <message>
        <source>You have no signing key yet.</source>
        <translation>You have no signing key yet.</translation>
    </message>
    <message>
        <source>Your signing key: %1
Kept in %2</source>
        <translation>Your signing key: %1
Kept in %2</translation>
    </message>
    <message>
        <source>Export my public key</source>
        <translation>Export my public key</translation>
    </message>
    <message>
        <source>Your name (written into the file for the secretariat):</source>
        <translation>Your name (written into the file for the secretariat):</translation>
    </message>
    <message>
        <source>The file could not be written: %1</source>
        <translation>The file could not be written: %1</translation>
    </message>
    <message>
        <source>Your public key was written to:
%1

Give this file to the secretariat. It contains no secret.
Fingerprint: %2</source>
        <translation>Your public key was written to:
%1

Give this file to the secretariat. It contains no secret.
Fingerprint: %2</translation>
    </message>
    <message>
        <source>Create a new identity</source>
        <translation>Create a new identity</translation>
    </message>
    <message>
        <source>Replace your signing key (fingerprint %1) with a new one?

The old key is deleted from this computer. Score sheets you already exported stay valid. Packages encrypted for your old key must be opened with their passphrase. Send your new public key to the secretariat.</source>
        <translation>Replace your signing key (fingerprint %1) with a new one?

The old key is deleted from this computer. Score sheets you already exported stay valid. Packages encrypted for your old key must be opened with their passphrase. Send your new public key to the secretariat.</translation>
    </message>
    <message>
        <source>Sign and export</source>
        <translation>Sign and export</translation>
    </message>
    <message>
        <source>Your name as it appears on the score sheet:</source>
        <translation>Your name as it appears on the score sheet:</translation>
    </message>
    <message>
        <source>The score sheet needs your name.</source>
        <translation>The score sheet needs your name.</translation>
    </message>
    <message>
        <source>Choose the folder (e.g. the USB stick) for the score sheet</source>
        <translation>Choose the folder (e.g. the USB stick) for the score sheet</translation>
    </message>
    <message>
        <source>The score sheet cannot be signed: %1</source>
        <translation>The score sheet cannot be signed: %1</translation>
    </message>
    <message>
        <source>Nothing has changed since revision %1, and this folder already holds it:
%2
%3</source>
        <translation>Nothing has changed since revision %1, and this folder already holds it:
%2
%3</translation>
    </message>
    <message>
        <source>The score sheet was not exported: %1

Nothing was written. Choose another folder or free some space and try again.</source>
        <translation>The score sheet was not exported: %1

Nothing was written. Choose another folder or free some space and try again.</translation>
    </message>
    <message>
        <source>The score sheet was written, but your workspace could not record it: %1</source>
        <translation>The score sheet was written, but your workspace could not record it: %1</translation>
    </message>
    <message>
        <source>Nothing has changed since revision %1; its files were written again:
%2
%3</source>
        <translation>Nothing has changed since revision %1; its files were written again:
%2
%3</translation>
    </message>
    <message>
        <source>Revision %1 of your score sheet is signed and exported:
%2
%3

Hand both files to the secretariat.</source>
        <translation>Revision %1 of your score sheet is signed and exported:
%2
%3

Hand both files to the secretariat.</translation>
    </message>
    <message>
        <source>

%1 site photo(s) were exported, encrypted for the organizer only, to %2: hand it in with the score sheet.</source>
        <translation>

%1 site photo(s) were exported, encrypted for the organizer only, to %2: hand it in with the score sheet.</translation>
    </message>
    <message>
        <source>

%1 site photo(s) stay on this laptop, encrypted in your workspace: this review package was built without the organizer&apos;s return key, so they cannot be sent back securely. The score sheet records each photo&apos;s fingerprint; keep the photos until the secretariat collects them.</source>
        <translation>

%1 site photo(s) stay on this laptop, encrypted in your workspace: this review package was built without the organizer&apos;s return key, so they cannot be sent back securely. The score sheet records each photo&apos;s fingerprint; keep the photos until the secretariat collects them.</translation>
    </message>
    <message>
        <source>Print score sheet</source>
        <translation>Print score sheet</translation>
    </message>
    <message>
        <source>Preparing the printable score sheet…</source>
        <translation>Preparing the printable score sheet…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>Export cancelled: nothing was written.</translation>
    </message>
    <message>
        <source>The score sheet was not exported: %1

Nothing was written.</source>
        <translation>The score sheet was not exported: %1

Nothing was written.</translation>
    </message>
    <message>
        <source>Score sheet exported: %1</source>
        <translation>Score sheet exported: %1</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>the disk is full</translation>
    </message>
    <message>
        <source>the disk is read-only (check its write-protect switch)</source>
        <translation>the disk is read-only (check its write-protect switch)</translation>
    </message>
    <message>
        <source>no permission to write in %1</source>
        <translation>no permission to write in %1</translation>
    </message>
    <message>
        <source>the folder %1 does not exist (was the USB stick removed?)</source>
        <translation>the folder %1 does not exist (was the USB stick removed?)</translation>
    </message>
    <message>
        <source>the disk cannot be written (was the USB stick removed?)</source>
        <translation>the disk cannot be written (was the USB stick removed?)</translation>
    </message>
    <message>
        <source>a site photo could not be packaged for the organizer (%1): your workspace no longer holds it, or it does not match the fingerprint in the sheet</source>
        <translation>a site photo could not be packaged for the organizer (%1): your workspace no longer holds it, or it does not match the fingerprint in the sheet</translation>
    </message>
</context>
<context>
    <name>SheetDropArea</name>
    <message>
        <source>Drop score sheets (.revsheet), inspection photo packages (.revphotos) or a whole USB folder here</source>
        <translation>Drop score sheets (.revsheet), inspection photo packages (.revphotos) or a whole USB folder here</translation>
    </message>
    <message>
        <source>Drop area for score sheets</source>
        <translation>Drop area for score sheets</translation>
    </message>
</context>
<context>
    <name>SheetPrinter</name>
    <message>
        <source>Print score sheet</source>
        <translation>Print score sheet</translation>
    </message>
    <message>
        <source>&amp;Print score sheet…</source>
        <translation>&amp;Print score sheet…</translation>
    </message>
    <message>
        <source>Print the PDF of the score sheet you last signed and exported</source>
        <translation>Print the PDF of the score sheet you last signed and exported</translation>
    </message>
    <message>
        <source>You have not exported your score sheet in this session yet. What is printed is the signed revision you hand to the secretariat.

Finalize, sign and export it now?</source>
        <translation>You have not exported your score sheet in this session yet. What is printed is the signed revision you hand to the secretariat.

Finalize, sign and export it now?</translation>
    </message>
    <message>
        <source>By answering Yes you also confirm that you have declared every conflict of interest you have with the projects of this package, completely and truthfully.</source>
        <translation>By answering Yes you also confirm that you have declared every conflict of interest you have with the projects of this package, completely and truthfully.</translation>
    </message>
    <message>
        <source>The score sheet could not be printed: %1</source>
        <translation>The score sheet could not be printed: %1</translation>
    </message>
    <message>
        <source>Revision %1 of your score sheet was sent to the printer (%2 pages).</source>
        <translation>Revision %1 of your score sheet was sent to the printer (%2 pages).</translation>
    </message>
</context>
<context>
    <name>SheetVerdicts</name>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Replaced</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <source>Already merged</source>
        <translation>Already merged</translation>
    </message>
    <message>
        <source>Equivocation</source>
        <translation>Equivocation</translation>
    </message>
    <message>
        <source>Older revision</source>
        <translation>Older revision</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>Not read</source>
        <translation>Not read</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Not processed</source>
        <translation>Not processed</translation>
    </message>
    <message>
        <source>The sheet was refused by the verifier.</source>
        <translation>The sheet was refused by the verifier.</translation>
    </message>
    <message>
        <source>The file is larger than any score sheet can be.</source>
        <translation>The file is larger than any score sheet can be.</translation>
    </message>
    <message>
        <source>The file is not a readable score sheet (damaged or not a sheet).</source>
        <translation>The file is not a readable score sheet (damaged or not a sheet).</translation>
    </message>
    <message>
        <source>The sheet was written in a format this version does not read.</source>
        <translation>The sheet was written in a format this version does not read.</translation>
    </message>
    <message>
        <source>The sheet&apos;s content was altered after signing.</source>
        <translation>The sheet&apos;s content was altered after signing.</translation>
    </message>
    <message>
        <source>The sheet does not carry exactly one signature.</source>
        <translation>The sheet does not carry exactly one signature.</translation>
    </message>
    <message>
        <source>The signature names another key than the sheet&apos;s.</source>
        <translation>The signature names another key than the sheet&apos;s.</translation>
    </message>
    <message>
        <source>The signature does not match the content: the sheet was altered or forged.</source>
        <translation>The signature does not match the content: the sheet was altered or forged.</translation>
    </message>
    <message>
        <source>The sheet holds a number written as a float, which sheets never do.</source>
        <translation>The sheet holds a number written as a float, which sheets never do.</translation>
    </message>
    <message>
        <source>The sheet belongs to another package (or another build of it).</source>
        <translation>The sheet belongs to another package (or another build of it).</translation>
    </message>
    <message>
        <source>The sheet is of another kind than its package (panel or inspection).</source>
        <translation>The sheet is of another kind than its package (panel or inspection).</translation>
    </message>
    <message>
        <source>The sheet names a seat the package does not have.</source>
        <translation>The sheet names a seat the package does not have.</translation>
    </message>
    <message>
        <source>The sheet is signed with another key than its seat&apos;s.</source>
        <translation>The sheet is signed with another key than its seat&apos;s.</translation>
    </message>
    <message>
        <source>The sheet&apos;s seat proof does not match the seat code.</source>
        <translation>The sheet&apos;s seat proof does not match the seat code.</translation>
    </message>
    <message>
        <source>The sheet does not prove its seat.</source>
        <translation>The sheet does not prove its seat.</translation>
    </message>
    <message>
        <source>The sheet scores a project not assigned to its seat.</source>
        <translation>The sheet scores a project not assigned to its seat.</translation>
    </message>
    <message>
        <source>The sheet lists a project twice.</source>
        <translation>The sheet lists a project twice.</translation>
    </message>
    <message>
        <source>The sheet leaves out a project assigned to its seat.</source>
        <translation>The sheet leaves out a project assigned to its seat.</translation>
    </message>
    <message>
        <source>The sheet scores a criterion the rubric does not have.</source>
        <translation>The sheet scores a criterion the rubric does not have.</translation>
    </message>
    <message>
        <source>The sheet leaves a criterion without a score.</source>
        <translation>The sheet leaves a criterion without a score.</translation>
    </message>
    <message>
        <source>The sheet declares a conflict of interest and still scores the project.</source>
        <translation>The sheet declares a conflict of interest and still scores the project.</translation>
    </message>
    <message>
        <source>The sheet holds a score that is not a valid number.</source>
        <translation>The sheet holds a score that is not a valid number.</translation>
    </message>
    <message>
        <source>The sheet holds a score outside the criterion&apos;s range.</source>
        <translation>The sheet holds a score outside the criterion&apos;s range.</translation>
    </message>
    <message>
        <source>The sheet holds a score off the criterion&apos;s step.</source>
        <translation>The sheet holds a score off the criterion&apos;s step.</translation>
    </message>
    <message>
        <source>The sheet&apos;s totals do not add up.</source>
        <translation>The sheet&apos;s totals do not add up.</translation>
    </message>
    <message>
        <source>The sheet&apos;s inspection checklist is invalid.</source>
        <translation>The sheet&apos;s inspection checklist is invalid.</translation>
    </message>
    <message>
        <source>The sheet accepts another commitment than its package&apos;s.</source>
        <translation>The sheet accepts another commitment than its package&apos;s.</translation>
    </message>
    <message>
        <source>A declared conflict names a kind the package does not have.</source>
        <translation>A declared conflict names a kind the package does not have.</translation>
    </message>
    <message>
        <source>A possible conflict found by the pre-screen is not answered properly.</source>
        <translation>A possible conflict found by the pre-screen is not answered properly.</translation>
    </message>
    <message>
        <source>The file is not a score sheet.</source>
        <translation>The file is not a score sheet.</translation>
    </message>
    <message>
        <source>The sheet&apos;s package is not registered in this store: register the package first.</source>
        <translation>The sheet&apos;s package is not registered in this store: register the package first.</translation>
    </message>
    <message>
        <source>Revision %1 received.</source>
        <translation>Revision %1 received.</translation>
    </message>
    <message>
        <source>Revision %1 replaces revision %2.</source>
        <translation>Revision %1 replaces revision %2.</translation>
    </message>
    <message>
        <source> An intermediate revision was never merged.</source>
        <translation> An intermediate revision was never merged.</translation>
    </message>
    <message>
        <source>Revision %1 was merged before with the same content.</source>
        <translation>Revision %1 was merged before with the same content.</translation>
    </message>
    <message>
        <source>Revision %1 is older than revision %2, already merged.</source>
        <translation>Revision %1 is older than revision %2, already merged.</translation>
    </message>
    <message>
        <source>Two different sheets are signed as revision %1: this seat&apos;s scores do not count until a higher revision arrives.</source>
        <translation>Two different sheets are signed as revision %1: this seat&apos;s scores do not count until a higher revision arrives.</translation>
    </message>
    <message>
        <source>A link: links are not followed.</source>
        <translation>A link: links are not followed.</translation>
    </message>
    <message>
        <source>Not a regular file.</source>
        <translation>Not a regular file.</translation>
    </message>
    <message>
        <source>The file or folder cannot be read: %1</source>
        <translation>The file or folder cannot be read: %1</translation>
    </message>
    <message>
        <source>More sheet files than a round can have: the rest of the folder was not taken.</source>
        <translation>More sheet files than a round can have: the rest of the folder was not taken.</translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <source>Package: %1</source>
        <translation>Package: %1</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Key file passphrase:</source>
        <translation>Key file passphrase:</translation>
    </message>
    <message>
        <source>Passphrase:</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>There is no signing key on this computer yet.</source>
        <translation>There is no signing key on this computer yet.</translation>
    </message>
    <message>
        <source>Your key (fingerprint %1) is kept in an encrypted file: enter the passphrase that protects it, not the package passphrase.</source>
        <translation>Your key (fingerprint %1) is kept in an encrypted file: enter the passphrase that protects it, not the package passphrase.</translation>
    </message>
    <message>
        <source>Your key (fingerprint %1) is in the system keyring of this computer: no passphrase is needed.</source>
        <translation>Your key (fingerprint %1) is in the system keyring of this computer: no passphrase is needed.</translation>
    </message>
    <message>
        <source>Enter the passphrase of your key file.</source>
        <translation>Enter the passphrase of your key file.</translation>
    </message>
    <message>
        <source>Enter the passphrase.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <source>Enter your seat ID.</source>
        <translation>Enter your seat ID.</translation>
    </message>
    <message>
        <source>The seat code has 16 letters and digits, as printed on your notification letter (for example ABCD-EFGH-JKMN-PQRS).</source>
        <translation>The seat code has 16 letters and digits, as printed on your notification letter (for example ABCD-EFGH-JKMN-PQRS).</translation>
    </message>
    <message>
        <source>this is not the package that was locked</source>
        <translation>this is not the package that was locked</translation>
    </message>
    <message>
        <source>Unlock review package</source>
        <translation>Unlock review package</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>Unlock with</source>
        <translation>Unlock with</translation>
    </message>
    <message>
        <source>Package passphrase</source>
        <translation>Package passphrase</translation>
    </message>
    <message>
        <source>My signing key on this computer</source>
        <translation>My signing key on this computer</translation>
    </message>
    <message>
        <source>Your seat (from your notification letter)</source>
        <translation>Your seat (from your notification letter)</translation>
    </message>
    <message>
        <source>Seat ID:</source>
        <translation>Seat ID:</translation>
    </message>
    <message>
        <source>Seat code:</source>
        <translation>Seat code:</translation>
    </message>
</context>
</TS>
