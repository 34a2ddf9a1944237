// The home page needs no API of its own: it shows `me` (already loaded) and links to the pages it allows.
export {};
