def write_card(folder):
    pass
