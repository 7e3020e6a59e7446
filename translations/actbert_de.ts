<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>JobsPanel</name>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>actbert::data::AnnotationFormats</name>
    <message>
        <source>YouCook2 annotations</source>
        <translation>YouCook2-Annotationen</translation>
    </message>
    <message>
        <source>YouCook2 clips</source>
        <translation>YouCook2-Clips</translation>
    </message>
    <message>
        <source>MSR-VTT</source>
        <translation>MSR-VTT</translation>
    </message>
    <message>
        <source>HowTo100M captions</source>
        <translation>HowTo100M-Untertitel</translation>
    </message>
    <message>
        <source>COIN</source>
        <translation>COIN</translation>
    </message>
    <message>
        <source>CrossTask</source>
        <translation>CrossTask</translation>
    </message>
    <message>
        <source>ELAN</source>
        <translation>ELAN</translation>
    </message>
    <message>
        <source>WebVTT subtitles</source>
        <translation>WebVTT-Untertitel</translation>
    </message>
    <message>
        <source>SubRip subtitles</source>
        <translation>SubRip-Untertitel</translation>
    </message>
    <message>
        <source>Generic CSV</source>
        <translation>Allgemeines CSV</translation>
    </message>
    <message>
        <source>Generic JSON</source>
        <translation>Allgemeines JSON</translation>
    </message>
</context>
<context>
    <name>actbert::ui::DemoLauncher</name>
    <message>
        <source>Preparing the demo in %1...</source>
        <translation>Demo wird in %1 vorbereitet...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>ActBERT Studio demo</source>
        <translation>ActBERT-Studio-Demo</translation>
    </message>
    <message>
        <source>Cancelling...</source>
        <translation>Wird abgebrochen...</translation>
    </message>
    <message>
        <source>Preparing the demo: %1</source>
        <translation>Demo wird vorbereitet: %1</translation>
    </message>
</context>
<context>
    <name>actbert::ui::ImportExportFlow</name>
    <message>
        <source>Imported %1 items in %2 tracks from %3 (%4 new videos)</source>
        <translation>%1 Elemente in %2 Spuren aus %3 importiert (%4 neue Videos)</translation>
    </message>
    <message>
        <source>Import of %1 cancelled: the project is unchanged</source>
        <translation>Import von %1 abgebrochen: Das Projekt ist unverändert</translation>
    </message>
    <message>
        <source>Cannot import %1: %2
The project is unchanged.</source>
        <translation>%1 kann nicht importiert werden: %2
Das Projekt ist unverändert.</translation>
    </message>
    <message>
        <source>Open or create a project first: annotations are imported into it</source>
        <translation>Zuerst ein Projekt öffnen oder anlegen: Annotationen werden in dieses importiert</translation>
    </message>
    <message>
        <source>Open or create a project first: its annotations are exported</source>
        <translation>Zuerst ein Projekt öffnen oder anlegen: Seine Annotationen werden exportiert</translation>
    </message>
    <message>
        <source>%1 (%2)...</source>
        <translation>%1 (%2)...</translation>
    </message>
    <message>
        <source>%1 (%2);;All files (*)</source>
        <translation>%1 (%2);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>%1 importieren</translation>
    </message>
    <message>
        <source>Export %1</source>
        <translation>%1 exportieren</translation>
    </message>
    <message>
        <source>Open or create a project before importing annotations.</source>
        <translation>Öffnen oder legen Sie ein Projekt an, bevor Sie Annotationen importieren.</translation>
    </message>
    <message>
        <source>An import is still running: wait for it or cancel it.</source>
        <translation>Ein Import läuft noch: Warten Sie darauf oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>%1 wird importiert...</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Reading the files...</source>
        <translation>Dateien werden gelesen...</translation>
    </message>
    <message>
        <source>Writing into the project...</source>
        <translation>Wird ins Projekt geschrieben...</translation>
    </message>
    <message>
        <source>Open or create a project before exporting annotations.</source>
        <translation>Öffnen oder legen Sie ein Projekt an, bevor Sie Annotationen exportieren.</translation>
    </message>
    <message>
        <source>Exported %1 items of %2 videos to %3</source>
        <translation>%1 Elemente aus %2 Videos nach %3 exportiert</translation>
    </message>
    <message>
        <source>Cannot export to %1: %2</source>
        <translation>Export nach %1 nicht möglich: %2</translation>
    </message>
    <message>
        <source>ActBERT Studio</source>
        <translation>ActBERT Studio</translation>
    </message>
    <message>
        <source>Export to %1 cancelled: nothing was written</source>
        <translation>Export nach %1 abgebrochen: es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>An export is still running: wait for it or cancel it.</source>
        <translation>Ein Export läuft noch: warten Sie darauf oder brechen Sie ihn ab.</translation>
    </message>
    <message>
        <source>Reading the annotations from the project...</source>
        <translation>Annotationen werden aus dem Projekt gelesen...</translation>
    </message>
    <message>
        <source>Writing the file...</source>
        <translation>Datei wird geschrieben...</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>Export nach %1...</translation>
    </message>
    <message>
        <source>subtitle stream %1 of %2</source>
        <translation>Untertitelspur %1 von %2</translation>
    </message>
    <message>
        <source>Imported %1 cues of %2 into the track &apos;%3&apos;</source>
        <translation>%1 Untertitel aus %2 in die Spur „%3“ importiert</translation>
    </message>
    <message>
        <source>no language</source>
        <translation>keine Sprache</translation>
    </message>
    <message>
        <source>Stream %1: %2</source>
        <translation>Spur %1: %2</translation>
    </message>
    <message>
        <source>Subtitles from video</source>
        <translation>Untertitel aus dem Video</translation>
    </message>
    <message>
        <source>Open or create a project first: subtitles are imported into it</source>
        <translation>Öffnen oder erstellen Sie zuerst ein Projekt: Untertitel werden in dieses importiert</translation>
    </message>
    <message>
        <source>Open a video first: its subtitle streams are listed here</source>
        <translation>Öffnen Sie zuerst ein Video: seine Untertitelspuren werden hier aufgeführt</translation>
    </message>
    <message>
        <source>The video on screen (%1) has no file in the project</source>
        <translation>Das angezeigte Video (%1) hat keine Datei im Projekt</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 has no subtitle streams</source>
        <translation>%1 hat keine Untertitelspuren</translation>
    </message>
    <message>
        <source>%1 (pictures, not text: cannot be a narration)</source>
        <translation>%1 (Bilder, kein Text: kann keine Erzählung sein)</translation>
    </message>
</context>
<context>
    <name>actbert::ui::JobsPanel</name>
    <message>
        <source>Jobs</source>
        <translation>Aufträge</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Für</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>The selected job&apos;s log</source>
        <translation>Protokoll des gewählten Auftrags</translation>
    </message>
    <message>
        <source>Cancel job</source>
        <translation>Auftrag abbrechen</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>Video öffnen</translation>
    </message>
    <message>
        <source>Thumbnail</source>
        <translation>Vorschaubild</translation>
    </message>
    <message>
        <source>Scrub proxy</source>
        <translation>Vorschau-Proxy</translation>
    </message>
    <message>
        <source>Demo preparation</source>
        <translation>Demo-Vorbereitung</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartend</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>actbert::ui::MainWindow</name>
    <message>
        <source>ActBERT Studio</source>
        <translation>ActBERT Studio</translation>
    </message>
    <message>
        <source>Videos</source>
        <translation>Videos</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;New project...</source>
        <translation>&amp;Neues Projekt...</translation>
    </message>
    <message>
        <source>&amp;Open project...</source>
        <translation>Projekt ö&amp;ffnen...</translation>
    </message>
    <message>
        <source>Recent projects</source>
        <translation>Zuletzt verwendete Projekte</translation>
    </message>
    <message>
        <source>Open &amp;video...</source>
        <translation>&amp;Video öffnen...</translation>
    </message>
    <message>
        <source>&amp;Add videos to project...</source>
        <translation>Videos zum Projekt &amp;hinzufügen...</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>&amp;Playback</source>
        <translation>&amp;Wiedergabe</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About ActBERT Studio</source>
        <translation>&amp;Über ActBERT Studio</translation>
    </message>
    <message>
        <source>About ActBERT Studio</source>
        <translation>Über ActBERT Studio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;ActBERT Studio&lt;/h3&gt;&lt;p&gt;Understand instructional videos with ActBERT (Zhu &amp;amp; Yang, CVPR 2020).&lt;/p&gt;&lt;p&gt;%1&lt;br&gt;Qt %2&lt;/p&gt;</source>
        <translation>&lt;h3&gt;ActBERT Studio&lt;/h3&gt;&lt;p&gt;Anleitungsvideos mit ActBERT verstehen (Zhu &amp;amp; Yang, CVPR 2020).&lt;/p&gt;&lt;p&gt;%1&lt;br&gt;Qt %2&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>actbert::ui::PlayerPanel</name>
    <message>
        <source>No video open</source>
        <translation>Kein Video geöffnet</translation>
    </message>
    <message>
        <source>key frame</source>
        <translation>Schlüsselbild</translation>
    </message>
    <message>
        <source>Frame %1 / %2   %3 (%4 s)   %5</source>
        <translation>Bild %1 / %2   %3 (%4 s)   %5</translation>
    </message>
    <message>
        <source>Playing %1x</source>
        <translation>Wiedergabe %1x</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
</context>
<context>
    <name>actbert::ui::ProjectPanel</name>
    <message>
        <source>Drop videos here to add them</source>
        <translation>Videos hierher ziehen, um sie hinzuzufügen</translation>
    </message>
</context>
<context>
    <name>actbert::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language (applies after a restart):</source>
        <translation>Sprache (gilt nach einem Neustart):</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>%1 is bound to both &apos;%2&apos; and &apos;%3&apos;</source>
        <translation>%1 ist sowohl „%2“ als auch „%3“ zugewiesen</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StartupScript</name>
    <message>
        <source>Timed out waiting for frame %1</source>
        <translation>Zeitüberschreitung beim Warten auf Bild %1</translation>
    </message>
    <message>
        <source>Frame %1 is past the end of the video (last frame %2)</source>
        <translation>Bild %1 liegt hinter dem Ende des Videos (letztes Bild %2)</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StoreTimelineEditor</name>
    <message>
        <source>Nothing to split at the playhead</source>
        <translation>Am Abspielkopf gibt es nichts zu teilen</translation>
    </message>
    <message>
        <source>No next item to merge with</source>
        <translation>Kein folgendes Element zum Zusammenführen</translation>
    </message>
    <message>
        <source>No track selected to accept</source>
        <translation>Keine Spur zum Annehmen ausgewählt</translation>
    </message>
    <message>
        <source>The label is unchanged</source>
        <translation>Die Beschriftung ist unverändert</translation>
    </message>
    <message>
        <source>No track selected</source>
        <translation>Keine Spur ausgewählt</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StudioActions</name>
    <message>
        <source>Play / pause</source>
        <translation>Wiedergabe / Pause</translation>
    </message>
    <message>
        <source>Play backwards (repeat: faster)</source>
        <translation>Rückwärts abspielen (wiederholt: schneller)</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Play forwards (repeat: faster)</source>
        <translation>Vorwärts abspielen (wiederholt: schneller)</translation>
    </message>
    <message>
        <source>Next frame</source>
        <translation>Nächstes Bild</translation>
    </message>
    <message>
        <source>Previous frame</source>
        <translation>Vorheriges Bild</translation>
    </message>
    <message>
        <source>One second forwards</source>
        <translation>Eine Sekunde vor</translation>
    </message>
    <message>
        <source>One second backwards</source>
        <translation>Eine Sekunde zurück</translation>
    </message>
    <message>
        <source>Set in point</source>
        <translation>Anfangspunkt setzen</translation>
    </message>
    <message>
        <source>Set out point</source>
        <translation>Endpunkt setzen</translation>
    </message>
    <message>
        <source>Split at playhead</source>
        <translation>Am Abspielkopf teilen</translation>
    </message>
    <message>
        <source>Previous boundary</source>
        <translation>Vorherige Grenze</translation>
    </message>
    <message>
        <source>Next boundary</source>
        <translation>Nächste Grenze</translation>
    </message>
    <message>
        <source>Next low-confidence item</source>
        <translation>Nächstes unsicheres Element</translation>
    </message>
    <message>
        <source>Previous low-confidence item</source>
        <translation>Vorheriges unsicheres Element</translation>
    </message>
    <message>
        <source>Merge with next item</source>
        <translation>Mit nächstem Element zusammenführen</translation>
    </message>
    <message>
        <source>Delete item</source>
        <translation>Element löschen</translation>
    </message>
    <message>
        <source>Relabel item</source>
        <translation>Element umbenennen</translation>
    </message>
    <message>
        <source>Accept item</source>
        <translation>Element annehmen</translation>
    </message>
    <message>
        <source>Reject item</source>
        <translation>Element ablehnen</translation>
    </message>
    <message>
        <source>Create item from in to out</source>
        <translation>Element vom Anfangs- bis zum Endpunkt anlegen</translation>
    </message>
    <message>
        <source>Previous track</source>
        <translation>Vorherige Spur</translation>
    </message>
    <message>
        <source>Next track</source>
        <translation>Nächste Spur</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Vergrößern</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Verkleinern</translation>
    </message>
    <message>
        <source>Zoom to whole video</source>
        <translation>Ganzes Video zeigen</translation>
    </message>
    <message>
        <source>Zoom to single frames</source>
        <translation>Auf Einzelbilder zoomen</translation>
    </message>
    <message>
        <source>Go to frame or time...</source>
        <translation>Gehe zu Bild oder Zeit...</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Show region boxes</source>
        <translation>Regionen anzeigen</translation>
    </message>
    <message>
        <source>Show caption</source>
        <translation>Untertitel anzeigen</translation>
    </message>
    <message>
        <source>Show current step</source>
        <translation>Aktuellen Schritt anzeigen</translation>
    </message>
    <message>
        <source>Accept all unreviewed items of the track...</source>
        <translation>Alle ungeprüften Elemente der Spur annehmen...</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StudioFlow</name>
    <message>
        <source>No project open: timeline edits go to a temporary project and are not saved</source>
        <translation>Kein Projekt geöffnet: Änderungen an der Zeitleiste gehen in ein temporäres Projekt und werden nicht gesichert</translation>
    </message>
    <message>
        <source>Open video</source>
        <translation>Video öffnen</translation>
    </message>
    <message>
        <source>Videos (*.mp4 *.mkv *.avi *.mov *.webm *.m4v);;All files (*)</source>
        <translation>Videos (*.mp4 *.mkv *.avi *.mov *.webm *.m4v);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Add videos</source>
        <translation>Videos hinzufügen</translation>
    </message>
    <message>
        <source>ActBERT projects (*.actbert);;All files (*)</source>
        <translation>ActBERT-Projekte (*.actbert);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>Neues Projekt</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>Projekt öffnen</translation>
    </message>
    <message>
        <source>%1 - ActBERT Studio</source>
        <translation>%1 – ActBERT Studio</translation>
    </message>
    <message>
        <source>Project %1: every edit is saved at once</source>
        <translation>Projekt %1: jede Änderung wird sofort gespeichert</translation>
    </message>
    <message>
        <source>Cannot open project %1: %2</source>
        <translation>Projekt %1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>Go to</source>
        <translation>Gehe zu</translation>
    </message>
    <message>
        <source>Frame number, or time in seconds ending in s (12.5s):</source>
        <translation>Bildnummer oder Zeit in Sekunden mit s am Ende (12.5s):</translation>
    </message>
    <message>
        <source>Not a frame number or a time: %1</source>
        <translation>Keine Bildnummer und keine Zeit: %1</translation>
    </message>
    <message>
        <source>No video file: the project holds only its annotations</source>
        <translation>Keine Videodatei: Das Projekt enthält nur ihre Annotationen</translation>
    </message>
    <message>
        <source>Bulk accept needs a video open</source>
        <translation>Sammelannahme erfordert ein geöffnetes Video</translation>
    </message>
    <message>
        <source>Cannot accept: %1</source>
        <translation>Annehmen nicht möglich: %1</translation>
    </message>
    <message>
        <source>No unreviewed items to accept on this track</source>
        <translation>Keine ungeprüften Elemente auf dieser Spur</translation>
    </message>
    <message>
        <source>Accept all unreviewed items</source>
        <translation>Alle ungeprüften Elemente annehmen</translation>
    </message>
    <message>
        <source>Accept the unreviewed items of track &quot;%1&quot; whose confidence is at least
(0 accepts all of them, also those without a confidence):</source>
        <translation>Die ungeprüften Elemente der Spur „%1“ annehmen, deren Konfidenz mindestens so hoch ist
(0 nimmt alle an, auch solche ohne Konfidenz):</translation>
    </message>
    <message numerus="yes">
        <source>Accepted %n item(s): %1 undoes it</source>
        <translation>
            <numerusform>%n Element angenommen: %1 macht es rückgängig</numerusform>
            <numerusform>%n Elemente angenommen: %1 macht es rückgängig</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1: reading its frame index...</source>
        <translation>%1 wird geöffnet: Bildindex wird gelesen …</translation>
    </message>
    <message>
        <source>Opening %1 was cancelled</source>
        <translation>Das Öffnen von %1 wurde abgebrochen</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1 geöffnet</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelinePainter</name>
    <message>
        <source> (partition)</source>
        <translation> (Zerlegung)</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelineText</name>
    <message>
        <source>Actions</source>
        <translation>Handlungen</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Untertitel</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Regionen</translation>
    </message>
    <message>
        <source>Free</source>
        <translation>Frei</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>unbeschriftet</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelineView</name>
    <message>
        <source>Label</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <source>No video open</source>
        <translation>Kein Video geöffnet</translation>
    </message>
</context>
<context>
    <name>actbert::ui::VideoListModel</name>
    <message>
        <source>%1 (cannot open)</source>
        <translation>%1 (kann nicht geöffnet werden)</translation>
    </message>
    <message>
        <source>%1
%2 frames, %3 fps</source>
        <translation>%1
%2 Bilder, %3 B/s</translation>
    </message>
</context>
<context>
    <name>actbert::ui::VideoView</name>
    <message>
        <source>No video</source>
        <translation>Kein Video</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Frame-exact video annotation studio for ActBERT</source>
        <translation>Bildgenaues Video-Annotationsstudio für ActBERT</translation>
    </message>
    <message>
        <source>Open the project file P.</source>
        <translation>Die Projektdatei P öffnen.</translation>
    </message>
    <message>
        <source>Open the video file VIDEO.</source>
        <translation>Die Videodatei VIDEO öffnen.</translation>
    </message>
    <message>
        <source>Show frame N of the video.</source>
        <translation>Bild N des Videos zeigen.</translation>
    </message>
    <message>
        <source>Save a picture of the window as PNG once ready.</source>
        <translation>Sobald bereit, ein Bild des Fensters als PNG speichern.</translation>
    </message>
    <message>
        <source>Quit when done.</source>
        <translation>Danach beenden.</translation>
    </message>
    <message>
        <source>Open the demo data set in DIR (made there if missing).</source>
        <translation>Den Demo-Datensatz in DIR öffnen (dort erzeugt, falls er fehlt).</translation>
    </message>
    <message>
        <source>Demo</source>
        <translation>Demo</translation>
    </message>
    <message>
        <source>Cannot prepare the demo: %1</source>
        <translation>Die Demo kann nicht vorbereitet werden: %1</translation>
    </message>
    <message>
        <source>The demo was cancelled</source>
        <translation>Die Demo wurde abgebrochen</translation>
    </message>
</context>
</TS>
