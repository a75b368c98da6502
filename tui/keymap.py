"""Every key binding, in one place. Screens take their BINDINGS from here; help and the
footer are generated from them, so a key is never described twice.

Users can remap any binding by id through Textual's keymap: ``ParleyApp.set_keymap``
(ids are 'section.action', e.g. 'review.accept')."""

from __future__ import annotations

from textual.binding import Binding

APP = [
    Binding("1,f1", "section('articles')", "Articles", id="app.articles", show=False),
    Binding("2,f2", "section('actors')", "Actors", id="app.actors", show=False),
    Binding("3,f3", "section('compare')", "Compare", id="app.compare", show=False),
    Binding("4,f4", "section('review')", "Review", id="app.review", show=False),
    Binding("question_mark", "help", "Help", id="app.help"),
    Binding("R", "reload", "Reload", id="app.reload", show=False),
    Binding("e", "export", "Export", id="app.export", show=False),
    Binding("ctrl+p", "command_palette", "Jump", id="app.palette", show=False),
    Binding("q", "back_or_quit", "Back/quit", id="app.back", show=False),
    Binding("escape", "back", "Back", id="app.escape", show=False),
]

LIST = [
    Binding("j,down", "cursor_down", "Down", id="list.down", show=False),
    Binding("k,up", "cursor_up", "Up", id="list.up", show=False),
    Binding("g,home", "first", "First", id="list.first", show=False),
    Binding("G,end", "last", "Last", id="list.last", show=False),
    Binding("pagedown,ctrl+f,space", "page_down", "Page down", id="list.pgdn", show=False),
    Binding("pageup,ctrl+b", "page_up", "Page up", id="list.pgup", show=False),
    Binding("enter", "select", "Open", id="list.select"),
]

ARTICLES = [
    Binding("slash", "search", "Search", id="articles.search"),
    Binding("d", "sort('published')", "Date", id="articles.sort_date"),
    Binding("t", "sort('title')", "Title", id="articles.sort_title"),
    Binding("o", "sort('source')", "Source", id="articles.sort_source"),
    Binding("i", "sort('id')", "Id", id="articles.sort_id", show=False),
    Binding("c", "clear", "Clear", id="articles.clear", show=False),
]

READER = [
    Binding("n", "next_statement", "Next stmt", id="reader.next"),
    Binding("N", "previous_statement", "Prev stmt", id="reader.prev"),
    Binding("r", "review_article", "Review it", id="reader.review"),
    Binding("p", "toggle_panel", "Panel", id="reader.panel", show=False),
    Binding("j,down", "scroll_down", "Down", id="reader.down", show=False),
    Binding("k,up", "scroll_up", "Up", id="reader.up", show=False),
    Binding("g,home", "scroll_home", "Top", id="reader.top", show=False),
    Binding("G,end", "scroll_end", "Bottom", id="reader.bottom", show=False),
    Binding("pagedown,space", "page_down", "Page down", id="reader.pgdn", show=False),
    Binding("pageup", "page_up", "Page up", id="reader.pgup", show=False),
]

ACTORS = [
    Binding("slash", "filter_name", "Filter", id="actors.filter"),
    Binding("y", "cycle_type", "Type filter", id="actors.type_filter"),
    Binding("w", "toggle_speakers", "With stmts", id="actors.speakers_only"),
    Binding("p", "sort('prominence')", "Sort prominence", id="actors.sort_prominence", show=False),
    Binding("s", "sort('name')", "Sort name", id="actors.sort_name"),
    Binding("S", "sort('type')", "Sort type", id="actors.sort_type", show=False),
    Binding("c", "clear", "Clear", id="actors.clear", show=False),
]

ACTOR_EDIT = [
    Binding("r", "rename", "Rename", id="actor.rename"),
    Binding("m", "merge", "Merge", id="actor.merge"),
    Binding("T", "set_type", "Type", id="actor.type"),
    Binding("f", "set_affiliation", "Affil.", id="actor.affiliation"),
    Binding("l", "split_alias", "Split", id="actor.split"),
    Binding("u", "undo", "Undo", id="actor.undo", show=False),
]

COMPARE = [
    Binding("h,left", "cell_left", "Left", id="compare.left", show=False),
    Binding("l,right", "cell_right", "Right", id="compare.right", show=False),
    Binding("y", "cycle_type", "Type", id="compare.type"),
    Binding("plus", "evidence_more", "Min+", id="compare.min_up"),
    Binding("minus", "evidence_less", "Min-", id="compare.min_down", show=False),
    Binding("v", "toggle_reviewed", "Reviewed", id="compare.reviewed", show=False),
    Binding("m", "mark", "Pick 2", id="compare.mark"),
    Binding("t", "timeline", "Over time", id="compare.timeline", show=False),
]

REVIEW = [
    Binding("a", "accept", "Accept", id="review.accept"),
    Binding("x", "reject", "Reject", id="review.reject"),
    Binding("1", "stance('support')", "Support", id="review.support", show=False),
    Binding("2", "stance('oppose')", "Oppose", id="review.oppose", show=False),
    Binding("3", "stance('conditional')", "Cond.", id="review.conditional", show=False),
    Binding("4", "stance('neutral')", "Neutral", id="review.neutral", show=False),
    Binding("s", "speaker", "Speaker", id="review.speaker"),
    Binding("t", "topic", "Topic", id="review.topic"),
    Binding("space", "skip", "Skip", id="review.skip"),
    Binding("u", "undo", "Undo", id="review.undo"),
    Binding("tab", "next_stance", "Next stance", id="review.next_stance", show=False),
    Binding("f", "filter", "Filter", id="review.filter", show=False),
    Binding("o", "toggle_order", "Low conf. first", id="review.order", show=False),
    Binding("g", "restart", "From top", id="review.restart", show=False),
]
