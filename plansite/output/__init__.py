"""Where and how the tool writes: refused paths, atomic writes, the manifest, journaled updates, the zip."""
