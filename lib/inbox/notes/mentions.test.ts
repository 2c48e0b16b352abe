import { describe, expect, test } from "vitest";
import { findMentions, mentionQueryAt } from "./mentions";

const ana = { id: "1", name: "Ana" };
const anaLopez = { id: "2", name: "Ana Lopez" };
const bo = { id: "3", name: "Bo" };

describe("findMentions", () => {
  test("matches @name case-insensitively, ended by punctuation or the end", () => {
    expect(findMentions("ping @bo, please", [ana, bo])).toEqual([bo]);
    expect(findMentions("@ANA", [ana, bo])).toEqual([ana]);
  });
  test("a longer name wins over its prefix; each agent once", () => {
    expect(findMentions("@Ana Lopez and @Ana Lopez again", [ana, anaLopez])).toEqual([anaLopez]);
    expect(findMentions("@Ana Lopez and @Ana", [ana, anaLopez])).toEqual([anaLopez, ana]);
  });
  test("no match inside a longer word, without the @, or in an email address", () => {
    expect(findMentions("@Bob is not Bo", [bo])).toEqual([]);
    expect(findMentions("Bo, look", [bo])).toEqual([]);
  });
});

describe("mentionQueryAt", () => {
  test("the partial name before the caret", () => {
    expect(mentionQueryAt("hi @an", 6)).toEqual({ start: 3, query: "an" });
    expect(mentionQueryAt("mail a@b", 8)).toBeNull();
    expect(mentionQueryAt("no mention", 10)).toBeNull();
  });
});
