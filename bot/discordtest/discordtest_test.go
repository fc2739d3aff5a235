package discordtest_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"

	"briefbot/bot/discordtest"
)

func open(t *testing.T, srv *discordtest.Server) *discordgo.Session {
	t.Helper()
	s := srv.Session(t)
	s.LogLevel = -1
	ready := make(chan *discordgo.Ready, 1)
	s.AddHandler(func(_ *discordgo.Session, r *discordgo.Ready) { ready <- r })
	if err := s.Open(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	select {
	case r := <-ready:
		if r.Application == nil || r.Application.ID != srv.AppID {
			t.Fatalf("READY = %+v", r)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no READY")
	}
	return s
}

func command(name string) map[string]any {
	return map[string]any{
		"type": 2, "guild_id": "1", "channel_id": "2",
		"member": map[string]any{"user": map[string]any{"id": "3", "username": "u"}, "roles": []any{}, "permissions": "0"},
		"data":   map[string]any{"id": "4", "name": name, "type": 1},
	}
}

func TestFakeRejectsWhatDiscordRejects(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := open(t, srv)
	got := make(chan *discordgo.InteractionCreate, 10)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })

	none := &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
	cases := []struct {
		name string
		data *discordgo.InteractionResponseData
		want string
	}{
		{"long description", &discordgo.InteractionResponseData{AllowedMentions: none,
			Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("x", 4097)}}}, "more than 4096"},
		{"total", &discordgo.InteractionResponseData{AllowedMentions: none,
			Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("x", 4000)}, {Description: strings.Repeat("x", 2001)}}}, "in total"},
		{"empty field", &discordgo.InteractionResponseData{AllowedMentions: none,
			Embeds: []*discordgo.MessageEmbed{{Title: "t", Fields: []*discordgo.MessageEmbedField{{Name: "n"}}}}}, "value: required"},
		{"long custom_id", &discordgo.InteractionResponseData{AllowedMentions: none, Content: "x",
			Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "b", Style: discordgo.PrimaryButton, CustomID: strings.Repeat("c", 101)}}}}}, "custom_id"},
		{"bad URL", &discordgo.InteractionResponseData{AllowedMentions: none,
			Embeds: []*discordgo.MessageEmbed{{Title: "t", URL: "example.org"}}}, "url"},
		{"content", &discordgo.InteractionResponseData{AllowedMentions: none, Content: strings.Repeat("é", 2001)}, "more than 2000"},
	}
	for _, c := range cases {
		ix := srv.Interact(t, command("who"))
		var i *discordgo.InteractionCreate
		select {
		case i = <-got:
		case <-time.After(5 * time.Second):
			t.Fatal("no INTERACTION_CREATE")
		}
		if i.ID != ix.ID || i.Member.User.ID != "3" {
			t.Fatalf("interaction = %+v", i.Interaction)
		}
		err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: c.data})
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "400") {
			t.Errorf("%s: err = %v", c.name, err)
		}
	}
	// A valid answer is taken once; a second callback is refused.
	srv.Interact(t, command("who"))
	i := <-got
	ok := &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "hi", AllowedMentions: none}}
	if err := s.InteractionRespond(i.Interaction, ok); err != nil {
		t.Fatal(err)
	}
	if err := s.InteractionRespond(i.Interaction, ok); err == nil || !strings.Contains(err.Error(), "40060") {
		t.Errorf("second callback: %v", err)
	}
	// Pings are recorded as violations.
	srv.Interact(t, command("who"))
	i = <-got
	s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: 4, Data: &discordgo.InteractionResponseData{Content: "@everyone"}})
	v := srv.Violations()
	if !strings.Contains(strings.Join(v, "\n"), "allowed_mentions missing") {
		t.Errorf("violations = %v", v)
	}
}

func TestFakeInteractionTimeout(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	srv.InteractionTimeout = 50 * time.Millisecond
	s := open(t, srv)
	got := make(chan *discordgo.InteractionCreate, 1)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { got <- i })
	srv.Interact(t, command("who"))
	i := <-got
	time.Sleep(100 * time.Millisecond)
	err := s.InteractionRespond(i.Interaction, &discordgo.InteractionResponse{Type: 5})
	if err == nil || !strings.Contains(err.Error(), "10062") {
		t.Errorf("late callback: %v", err)
	}
}

func TestFakeAuthAndRateLimit(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := srv.Session(t)
	s.Token = "Bot wrong"
	if _, err := s.Gateway(); err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("wrong token: %v", err)
	}
	s = srv.Session(t)
	srv.Inject(discordtest.Fault{Method: "GET", PathContains: "/gateway", Status: 429, RetryAfter: 0.1, Times: 2})
	start := time.Now()
	u, err := s.Gateway()
	if err != nil || !strings.HasPrefix(u, discordtest.GatewayURL) {
		t.Fatalf("gateway = %q, %v", u, err)
	}
	if d := time.Since(start); d < 200*time.Millisecond {
		t.Errorf("two 429s of 0.1s retried within %v", d)
	}
	if n := len(srv.RequestsTo("GET", "/gateway")); n != 4 {
		t.Errorf("requests = %d, want 4 (wrong token, two 429s, success)", n)
	}
}

func TestFakeCommandValidation(t *testing.T) {
	t.Parallel()
	srv := discordtest.New(t)
	s := srv.Session(t)
	bad := []*discordgo.ApplicationCommand{{Name: "Who", Description: "x"}}
	if _, err := s.ApplicationCommandBulkOverwrite(srv.AppID, "", bad); err == nil {
		t.Error("upper-case name accepted")
	}
	bad = []*discordgo.ApplicationCommand{{Name: "who", Description: "x", Options: []*discordgo.ApplicationCommandOption{
		{Type: discordgo.ApplicationCommandOptionString, Name: "a", Description: "a"},
		{Type: discordgo.ApplicationCommandOptionString, Name: "b", Description: "b", Required: true},
	}}}
	if _, err := s.ApplicationCommandBulkOverwrite(srv.AppID, "", bad); err == nil || !strings.Contains(err.Error(), "required options") {
		t.Errorf("required after optional: %v", err)
	}
	good := []*discordgo.ApplicationCommand{{Name: "who", Description: "x"}}
	out, err := s.ApplicationCommandBulkOverwrite(srv.AppID, "7", good)
	if err != nil || len(out) != 1 || out[0].ID == "" || out[0].GuildID != "7" {
		t.Fatalf("overwrite = %+v, %v", out, err)
	}
	list, err := s.ApplicationCommands(srv.AppID, "7")
	if err != nil || len(list) != 1 || list[0].ID != out[0].ID {
		t.Errorf("list = %+v, %v", list, err)
	}
}
