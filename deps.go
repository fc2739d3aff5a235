//go:build tools

package main

import (
	_ "codeberg.org/readeck/go-readability/v2"
	_ "github.com/bwmarrin/discordgo"
	_ "github.com/gorilla/websocket"
	_ "github.com/mattn/go-sqlite3"
	_ "github.com/mmcdole/gofeed"
	_ "github.com/robfig/cron/v3"
	_ "golang.org/x/text/unicode/norm"
)
