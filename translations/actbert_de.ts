<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="de_DE">
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
    <name>actbert::ui::ProjectSession</name>
    <message>
        <source>Actions</source>
        <translation>Handlungen</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>unbeschriftet</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Captions</source>
        <translation>Untertitel</translation>
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
        <source>%1 is bound to both '%2' and '%3'</source>
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
        <source>unlabelled</source>
        <translation>unbeschriftet</translation>
    </message>
</context>
<context>
    <name>actbert::ui::StudioFlow</name>
    <message>
        <source>No project open: timeline edits are kept in memory only and are not saved</source>
        <translation>Kein Projekt geöffnet: Änderungen an der Zeitleiste bleiben nur im Speicher und werden nicht gesichert</translation>
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
        <source>Not available in the studio yet: use the actbert command line</source>
        <translation>Im Studio noch nicht verfügbar: bitte die actbert-Kommandozeile verwenden</translation>
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
        <source>unlabelled</source>
        <translation>unbeschriftet</translation>
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
</context>
<context>
    <name>actbert::ui::TimelineEditController</name>
    <message>
        <source>The boundary cannot move there</source>
        <translation>Die Grenze kann nicht dorthin verschoben werden</translation>
    </message>
    <message>
        <source>Nothing to split at the playhead</source>
        <translation>Am Abspielkopf gibt es nichts zu teilen</translation>
    </message>
    <message>
        <source>No next item to merge with</source>
        <translation>Kein folgendes Element zum Zusammenführen</translation>
    </message>
    <message>
        <source>Nothing to delete</source>
        <translation>Nichts zu löschen</translation>
    </message>
    <message>
        <source>The label is unchanged</source>
        <translation>Die Beschriftung ist unverändert</translation>
    </message>
    <message>
        <source>The item is already reviewed so</source>
        <translation>Das Element ist bereits so geprüft</translation>
    </message>
    <message>
        <source>Set an in point and an out point first</source>
        <translation>Zuerst einen Anfangs- und einen Endpunkt setzen</translation>
    </message>
</context>
<context>
    <name>actbert::ui::TimelineEditPlanner</name>
    <message>
        <source>Move boundary of '%1'</source>
        <translation>Grenze von „%1“ verschieben</translation>
    </message>
    <message>
        <source>Split '%1'</source>
        <translation>„%1“ teilen</translation>
    </message>
    <message>
        <source>Merge '%1' and '%2'</source>
        <translation>„%1“ und „%2“ zusammenführen</translation>
    </message>
    <message>
        <source>Relabel '%1' as '%2'</source>
        <translation>„%1“ in „%2“ umbenennen</translation>
    </message>
    <message>
        <source>Delete '%1'</source>
        <translation>„%1“ löschen</translation>
    </message>
    <message>
        <source>Accept '%1'</source>
        <translation>„%1“ annehmen</translation>
    </message>
    <message>
        <source>Reject '%1'</source>
        <translation>„%1“ ablehnen</translation>
    </message>
    <message>
        <source>Unreview '%1'</source>
        <translation>Prüfung von „%1“ zurücknehmen</translation>
    </message>
    <message>
        <source>unlabelled</source>
        <translation>unbeschriftet</translation>
    </message>
    <message>
        <source>Create '%1'</source>
        <translation>„%1“ anlegen</translation>
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
        <source>--demo needs the synthetic demo videos (core/synth), which this build does not have yet</source>
        <translation>--demo benötigt die synthetischen Demovideos (core/synth), die dieser Build noch nicht hat</translation>
    </message>
</context>
</TS>