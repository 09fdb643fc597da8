// The example portal: registers the Toile elements used in index.html.
import '@toile/widgets/define';
