-- 057_sources_ref: a source's reference (name, title, address and date)
-- from a narrow index. A source's row holds its whole text, a page or
-- more each; a page of a big story's merged events cites hundreds of
-- sources, in its reports and in the values its sources disagree on.
CREATE INDEX sources_ref ON sources (id, name, title, url, published);
