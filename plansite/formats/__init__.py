"""The public formats made from the data: citations, exports, charts, the feed, short links."""
