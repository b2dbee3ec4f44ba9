def make_user(name="ada"):
    return {"name": name}
